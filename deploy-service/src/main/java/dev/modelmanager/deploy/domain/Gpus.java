package dev.modelmanager.deploy.domain;

/** GPU resource quantities. */
public final class Gpus {
  public static final String NVIDIA = "nvidia.com/gpu";

  private Gpus() {}

  /** A whole-number GPU quantity ("2"), 0 for null or anything that is not one. */
  public static int parse(String quantity) {
    if (quantity == null || quantity.isBlank()) {
      return 0;
    }
    try {
      return Integer.parseInt(quantity.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
