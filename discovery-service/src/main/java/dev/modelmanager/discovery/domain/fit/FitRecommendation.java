package dev.modelmanager.discovery.domain.fit;

import java.util.List;
import java.util.Optional;

/**
 * The fit engine's answer: model-wide facts and every option considered, fitting options first.
 *
 * @param parameters parameter count (exact from headers when given, else from geometry)
 * @param parametersExact whether {@code parameters} came from safetensors headers
 * @param weightsBytes weights of the checkpoint on one GPU
 * @param kvCacheBytesPerToken KV cache per token for the whole model at the requested KV dtype, all
 *     layers, no window
 * @param modelMaxLen the model's own context limit
 * @param options one per (GPU, tensor-parallel size, quantization)
 * @param notes facts that apply to every option (TP sizes ruled out and why)
 */
public record FitRecommendation(
    long parameters,
    boolean parametersExact,
    long weightsBytes,
    long kvCacheBytesPerToken,
    long modelMaxLen,
    List<FitOption> options,
    List<String> notes) {

  public FitRecommendation {
    options = List.copyOf(options);
    notes = List.copyOf(notes);
  }

  /** The first fitting option: fewest GPUs, checkpoint format preferred. */
  public Optional<FitOption> best() {
    return options.stream().filter(FitOption::fits).findFirst();
  }

  /** The option for a GPU, TP size and quantization, if it was considered. */
  public Optional<FitOption> option(String gpu, int tensorParallelSize, String quantization) {
    return options.stream()
        .filter(o -> o.gpu().equals(gpu))
        .filter(o -> o.tensorParallelSize() == tensorParallelSize)
        .filter(o -> o.quantization().equals(quantization))
        .findFirst();
  }
}
