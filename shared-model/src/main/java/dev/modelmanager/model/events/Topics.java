package dev.modelmanager.model.events;

import java.util.List;

/** Kafka topic names: one per producing service. */
public final class Topics {
  public static final String DISCOVERY = "mm.discovery";
  public static final String WEIGHTS = "mm.weights";
  public static final String CATALOG = "mm.catalog";
  public static final String DEPLOY = "mm.deploy";
  public static final String GATEWAY = "mm.gateway";

  public static final List<String> ALL = List.of(DISCOVERY, WEIGHTS, CATALOG, DEPLOY, GATEWAY);

  private Topics() {}
}
