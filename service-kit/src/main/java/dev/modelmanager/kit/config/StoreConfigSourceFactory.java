package dev.modelmanager.kit.config;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Makes {@code mm.store=sqlite} switch the Postgres datasource, Hibernate and Flyway off at
 * runtime. Its ordinal sits below environment variables and system properties, so those still win.
 */
public class StoreConfigSourceFactory implements ConfigSourceFactory {
  static final int ORDINAL = 275;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    ConfigValue store = context.getValue("mm.store");
    if (store == null
        || store.getValue() == null
        || !store.getValue().toLowerCase(Locale.ROOT).equals("sqlite")) {
      return List.of();
    }
    Map<String, String> off =
        Map.of(
            "quarkus.datasource.active", "false",
            "quarkus.hibernate-orm.active", "false",
            "quarkus.flyway.active", "false");
    return List.of(new PropertiesConfigSource(off, "mm-store-sqlite", ORDINAL));
  }
}
