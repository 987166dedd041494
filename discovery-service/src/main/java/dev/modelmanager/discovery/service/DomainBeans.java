package dev.modelmanager.discovery.service;

import dev.modelmanager.discovery.config.DiscoveryConfig;
import dev.modelmanager.discovery.domain.fit.FitEngine;
import dev.modelmanager.discovery.domain.vllm.VllmArchitectureRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** The pure domain objects as beans: the vLLM registry read once from its data file, the engine. */
@ApplicationScoped
public class DomainBeans {

  @Produces
  @ApplicationScoped
  VllmArchitectureRegistry registry() {
    try (InputStream in =
        Thread.currentThread()
            .getContextClassLoader()
            .getResourceAsStream(VllmArchitectureRegistry.RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            VllmArchitectureRegistry.RESOURCE + " is missing from the build");
      }
      return VllmArchitectureRegistry.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Produces
  @ApplicationScoped
  FitEngine fitEngine(VllmArchitectureRegistry registry, DiscoveryConfig config) {
    return new FitEngine(registry, config.fit().marginFloorBytes());
  }
}
