package dev.modelmanager.discovery.domain.fit;

import dev.modelmanager.discovery.domain.gpu.Fp8Support;
import dev.modelmanager.discovery.domain.gpu.GpuCatalog;
import dev.modelmanager.discovery.domain.gpu.GpuProfile;
import dev.modelmanager.discovery.domain.gpu.GpuVendor;
import java.util.Locale;
import java.util.Optional;

/**
 * A GPU offer matched against the catalog, with the memory vLLM will actually see.
 *
 * @param name the offer's name
 * @param memoryBytes memory as inventoried (offer value, else the catalog's)
 * @param count GPUs on one node
 * @param vendor maker (from the catalog, else guessed from the name)
 * @param fp8 FP8 support (from the catalog; unknown NVIDIA GPUs are assumed Ampere-like)
 * @param profile the catalog entry, if the name matched one
 */
public record ResolvedGpu(
    String name,
    long memoryBytes,
    int count,
    GpuVendor vendor,
    Fp8Support fp8,
    Optional<GpuProfile> profile) {

  /** Resolves an offer; fails when neither the offer nor the catalog knows its memory. */
  public static ResolvedGpu resolve(GpuOffer offer) {
    Optional<GpuProfile> profile = GpuCatalog.find(offer.name());
    long memory =
        offer.memoryBytes() > 0
            ? offer.memoryBytes()
            : profile.map(GpuProfile::memoryBytes).orElse(0L);
    if (memory <= 0) {
      throw new IllegalArgumentException(
          "unknown GPU '" + offer.name() + "': give its memoryBytes");
    }
    GpuVendor vendor = profile.map(GpuProfile::vendor).orElseGet(() -> guessVendor(offer.name()));
    Fp8Support fp8 =
        profile
            .map(GpuProfile::fp8)
            .orElse(vendor == GpuVendor.NVIDIA ? Fp8Support.WEIGHT_ONLY : Fp8Support.NONE);
    return new ResolvedGpu(offer.name(), memory, offer.count(), vendor, fp8, profile);
  }

  private static GpuVendor guessVendor(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("amd") || n.contains("instinct") || n.matches(".*\\bmi\\d.*")
        ? GpuVendor.AMD
        : GpuVendor.NVIDIA;
  }

  /** The total vLLM multiplies by the utilization: inventoried memory minus the driver's share. */
  public long visibleBytes() {
    long reserved =
        vendor == GpuVendor.NVIDIA
            ? FitConstants.NVIDIA_DRIVER_RESERVED_BYTES
            : FitConstants.AMD_DRIVER_RESERVED_BYTES;
    return memoryBytes - reserved;
  }

  /** Whether vLLM picks its large batch defaults here (≥ 70 GiB and not an A100). */
  public boolean largeBatchDefaults() {
    boolean a100 =
        name.toLowerCase(Locale.ROOT).contains("a100")
            || profile.map(p -> p.id().startsWith("A100")).orElse(false);
    return visibleBytes() >= FitConstants.LARGE_GPU_MIN_BYTES && !a100;
  }

  /** vLLM's default {@code max_num_batched_tokens} for the OpenAI server on this GPU. */
  public int maxNumBatchedTokens() {
    return largeBatchDefaults()
        ? FitConstants.LARGE_GPU_MAX_NUM_BATCHED_TOKENS
        : FitConstants.DEFAULT_MAX_NUM_BATCHED_TOKENS;
  }

  /** vLLM's default {@code max_num_seqs} for the OpenAI server on this GPU. */
  public int maxNumSeqs() {
    return largeBatchDefaults()
        ? FitConstants.LARGE_GPU_MAX_NUM_SEQS
        : FitConstants.DEFAULT_MAX_NUM_SEQS;
  }

  /** The display name: the catalog id when known. */
  public String displayName() {
    return profile.map(GpuProfile::id).orElse(name);
  }
}
