package dev.modelmanager.gateway.config;

import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * The gateway's default number of Vert.x event loops: one per core (what the JVM sees, so a
 * container's CPU limit counts), as nginx's {@code worker_processes auto}. Quarkus's own default is
 * two per core, which suits services that may block a loop now and then; the gateway never blocks
 * one and forwards every request on the loop it arrived on, so more loops than cores only add
 * context switches and upstream connections. On the 2-core bench machine one loop per core took the
 * gateway from 0.74× / 0.82× / 0.79× of nginx's throughput to 0.80× / 0.89× / 0.87× (8, 64, 200
 * connections; {@code bench/gateway/run.sh}).
 *
 * <p>Its ordinal is below application.properties' (250): {@code
 * quarkus.vertx.event-loops-pool-size} set anywhere else (properties, {@code
 * QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE}, {@code -D}) wins.
 */
public class EventLoopsConfigSource implements ConfigSource {
  static final String KEY = "quarkus.vertx.event-loops-pool-size";
  static final int ORDINAL = 200;

  @Override
  public Set<String> getPropertyNames() {
    return Set.of(KEY);
  }

  @Override
  public String getValue(String propertyName) {
    return KEY.equals(propertyName)
        ? Integer.toString(Runtime.getRuntime().availableProcessors())
        : null;
  }

  @Override
  public int getOrdinal() {
    return ORDINAL;
  }

  @Override
  public String getName() {
    return "gateway-event-loops";
  }
}
