package dev.modelmanager.testkit.hub;

/** Tunables of a running fake hub, changeable at any time. */
final class HubSettings {

  private volatile int treePageSize = 1000;
  private volatile int modelsPageSize = ModelSearch.MAX_PAGE;

  int treePageSize() {
    return treePageSize;
  }

  void treePageSize(int value) {
    treePageSize = positive(value);
  }

  int modelsPageSize() {
    return modelsPageSize;
  }

  void modelsPageSize(int value) {
    modelsPageSize = positive(value);
  }

  private static int positive(int value) {
    if (value < 1) {
      throw new IllegalArgumentException("page size must be >= 1");
    }
    return value;
  }
}
