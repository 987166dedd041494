package dev.modelmanager.discovery.domain.vllm;

import java.util.List;

/**
 * One architecture class vLLM can serve, keyed by the name HF configs use in {@code architectures}.
 *
 * @param architecture class name as in {@code config.architectures} ("LlamaForCausalLM")
 * @param module the vLLM module implementing it ({@code vllm/model_executor/models/<module>.py})
 * @param tasks what vLLM runs it for: generate, embed, classify, score, reward, transcription
 * @param description the model families it covers
 * @param multimodal whether it takes images, audio or video
 * @param trustRemoteCode whether typical checkpoints need {@code --trust-remote-code}
 * @param quantizations quantization formats that load with it (vLLM names)
 * @param examples Hugging Face repositories known to use it
 */
public record VllmArchitecture(
    String architecture,
    String module,
    List<String> tasks,
    String description,
    boolean multimodal,
    boolean trustRemoteCode,
    List<String> quantizations,
    List<String> examples) {

  public VllmArchitecture {
    tasks = List.copyOf(tasks);
    quantizations = List.copyOf(quantizations);
    examples = List.copyOf(examples);
  }

  /** Whether vLLM generates text with it. */
  public boolean generates() {
    return tasks.contains("generate");
  }
}
