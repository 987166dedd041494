package dev.modelmanager.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventLoopsConfigSourceTest {

  @Test
  void oneEventLoopPerCoreUnlessSetElsewhere() {
    SmallRyeConfig defaults =
        new SmallRyeConfigBuilder().withSources(new EventLoopsConfigSource()).build();
    assertThat(defaults.getValue(EventLoopsConfigSource.KEY, Integer.class))
        .isEqualTo(Runtime.getRuntime().availableProcessors());

    // application.properties' ordinal: an explicit setting there (or in env, -D) wins.
    SmallRyeConfig explicit =
        new SmallRyeConfigBuilder()
            .withSources(
                new EventLoopsConfigSource(),
                new PropertiesConfigSource(
                    Map.of(EventLoopsConfigSource.KEY, "7"), "application.properties", 250))
            .build();
    assertThat(explicit.getValue(EventLoopsConfigSource.KEY, Integer.class)).isEqualTo(7);
  }
}
