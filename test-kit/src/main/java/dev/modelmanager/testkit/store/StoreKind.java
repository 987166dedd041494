package dev.modelmanager.testkit.store;

/** The two stores every repository has an adapter for. */
public enum StoreKind {
  POSTGRES,
  SQLITE;

  /** The adapter (or anything else) of this store out of the pair. */
  public <T> T pick(T postgres, T sqlite) {
    return this == POSTGRES ? postgres : sqlite;
  }
}
