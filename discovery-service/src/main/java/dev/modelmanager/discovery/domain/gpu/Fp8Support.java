package dev.modelmanager.discovery.domain.gpu;

/** How a GPU runs FP8 weights in vLLM. */
public enum Fp8Support {
  /** FP8 tensor cores (Hopper, Ada, CDNA3): W8A8 FP8 kernels. */
  NATIVE,
  /** No FP8 math, but vLLM's FP8 Marlin kernel keeps weights in FP8 (Ampere, W8A16). */
  WEIGHT_ONLY,
  /** FP8 checkpoints cannot be served. */
  NONE
}
