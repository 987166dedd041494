package dev.modelmanager.model.events;

/** CloudEvents {@code type} values. Names are {@code dev.modelmanager.<service>.<noun>.<verb>}. */
public final class EventTypes {
  public static final String CATALOG_RELOADED = "dev.modelmanager.catalog.reloaded";
  public static final String CATALOG_ENTRY_ADDED = "dev.modelmanager.catalog.entry.added";
  public static final String CATALOG_ENTRY_UPDATED = "dev.modelmanager.catalog.entry.updated";
  public static final String CATALOG_ENTRY_REMOVED = "dev.modelmanager.catalog.entry.removed";

  private EventTypes() {}
}
