package dev.modelmanager.discovery.domain.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.modelmanager.discovery.domain.TestConfigs;
import dev.modelmanager.discovery.domain.model.ModelConfigParser;
import dev.modelmanager.discovery.domain.model.ModelGeometry;
import org.junit.jupiter.api.Test;

/** What vLLM allocates for gpt-oss-20b's MXFP4 experts beyond the checkpoint, per backend. */
class Mxfp4ExpertAllocationTest {

  private static final ModelGeometry GPT_OSS_20B =
      ModelConfigParser.parse(
          TestConfigs.parse(
              """
              {"architectures":["GptOssForCausalLM"],"model_type":"gpt_oss","hidden_size":2880,
               "num_hidden_layers":24,"num_attention_heads":64,"num_key_value_heads":8,
               "head_dim":64,"vocab_size":201088,"max_position_embeddings":131072,
               "num_local_experts":32,"num_experts_per_tok":4,"intermediate_size":2880,
               "torch_dtype":"bfloat16","quantization_config":{"quant_method":"mxfp4"}}
              """));

  private static double extraGib(String gpu, int tp) {
    return Mxfp4ExpertAllocation.extraBytesPerRank(
            GPT_OSS_20B, tp, false, ResolvedGpu.resolve(new GpuOffer(gpu, 0, tp)))
        / (double) FitConstants.GIB;
  }

  @Test
  void hopperKeepsTheLoadedScalesNextToTheirSwizzledCopy() {
    // per layer and expert: swizzled scales (5888 + 3072) × 90 B + float32 biases (8640 × 4 B)
    // minus the bf16 biases the checkpoint geometry does not count: 0.60 GiB for 24 × 32 experts
    assertEquals(0.60, extraGib("H100-80GB-SXM", 1), 0.01);
  }

  @Test
  void marlinPadsIntermediateTo128AndHiddenTo256() {
    // A100: 2880 → 2944 and 3072 → (2944 × 3072) / (2880 × 2880) = 1.0904 × 9.46 GiB experts
    assertEquals(0.86, extraGib("A100-80GB", 1), 0.01);
  }

  @Test
  void denseAndOtherQuantizationsAddNothing() {
    ModelGeometry llama = TestConfigs.geometry(TestConfigs.LLAMA_31_8B);
    assertEquals(
        0,
        Mxfp4ExpertAllocation.extraBytesPerRank(
            llama, 1, false, ResolvedGpu.resolve(new GpuOffer("H100-80GB-SXM", 0, 1))));
  }
}
