package dev.modelmanager.discovery.domain.gpu;

/** Who made a GPU; decides which node labels describe it and how much memory the driver keeps. */
public enum GpuVendor {
  NVIDIA,
  AMD
}
