package dev.modelmanager.kit.hf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelmanager.kit.hf.WeightFileSelection.Format;
import dev.modelmanager.kit.hf.WeightFileSelection.Selection;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The shared weight-file rule over the file lists of real repositories (the Hub's {@code siblings}
 * at the revisions current in 2025).
 */
class WeightFileSelectionTest {

  static final List<String> MISTRAL_7B_INSTRUCT_V03 =
      List.of(
          ".gitattributes",
          "README.md",
          "config.json",
          "consolidated.safetensors",
          "generation_config.json",
          "model-00001-of-00003.safetensors",
          "model-00002-of-00003.safetensors",
          "model-00003-of-00003.safetensors",
          "model.safetensors.index.json",
          "params.json",
          "special_tokens_map.json",
          "tokenizer.json",
          "tokenizer.model",
          "tokenizer.model.v3",
          "tokenizer_config.json");

  static final List<String> GPT_OSS_20B =
      List.of(
          ".gitattributes",
          "LICENSE",
          "README.md",
          "USAGE_POLICY",
          "chat_template.jinja",
          "config.json",
          "generation_config.json",
          "metal/model.bin",
          "model-00000-of-00002.safetensors",
          "model-00001-of-00002.safetensors",
          "model-00002-of-00002.safetensors",
          "model.safetensors.index.json",
          "original/config.json",
          "original/dtypes.json",
          "original/model.safetensors",
          "special_tokens_map.json",
          "tokenizer.json",
          "tokenizer_config.json");

  /** From /work/shared/fixtures/hf/hub-api/model_info__meta-llama__Llama-3.1-8B-Instruct. */
  static final List<String> LLAMA_31_8B_INSTRUCT =
      List.of(
          ".gitattributes",
          "LICENSE",
          "README.md",
          "USE_POLICY.md",
          "config.json",
          "generation_config.json",
          "model-00001-of-00004.safetensors",
          "model-00002-of-00004.safetensors",
          "model-00003-of-00004.safetensors",
          "model-00004-of-00004.safetensors",
          "model.safetensors.index.json",
          "original/consolidated.00.pth",
          "original/params.json",
          "original/tokenizer.model",
          "special_tokens_map.json",
          "tokenizer.json",
          "tokenizer_config.json");

  /** meta-llama/Llama-2-7b-hf before its safetensors conversion: PyTorch shards only. */
  static final List<String> BIN_ONLY =
      List.of(
          "config.json",
          "generation_config.json",
          "pytorch_model-00001-of-00002.bin",
          "pytorch_model-00002-of-00002.bin",
          "pytorch_model.bin.index.json",
          "tokenizer.model",
          "tokenizer_config.json",
          "training_args.bin");

  /** HuggingFaceH4/zephyr-7b-beta: both formats of the same weights at the root. */
  static final List<String> BIN_AND_SAFETENSORS =
      List.of(
          "config.json",
          "model-00001-of-00008.safetensors",
          "model-00002-of-00008.safetensors",
          "model.safetensors.index.json",
          "pytorch_model-00001-of-00008.bin",
          "pytorch_model-00002-of-00008.bin",
          "pytorch_model.bin.index.json",
          "tokenizer.json");

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void mistralLoadsTheIndexedShardsNotConsolidated() throws Exception {
    var index =
        JSON.readTree(
            """
            {"metadata":{"total_size":14496047104},"weight_map":{
              "lm_head.weight":"model-00003-of-00003.safetensors",
              "model.embed_tokens.weight":"model-00001-of-00003.safetensors",
              "model.layers.15.mlp.up_proj.weight":"model-00002-of-00003.safetensors"}}
            """);
    Selection s =
        WeightFileSelection.select(
            MISTRAL_7B_INSTRUCT_V03, WeightFileSelection.indexedFiles(index));
    assertEquals(Format.SAFETENSORS, s.format());
    assertEquals(
        List.of(
            "model-00001-of-00003.safetensors",
            "model-00002-of-00003.safetensors",
            "model-00003-of-00003.safetensors"),
        s.weightFiles());
    assertEquals(List.of("consolidated.safetensors"), s.duplicates());
  }

  @Test
  void mistralWithoutItsIndexStillLeavesConsolidatedOut() {
    Selection s = WeightFileSelection.select(MISTRAL_7B_INSTRUCT_V03, null);
    assertEquals(3, s.weightFiles().size());
    assertTrue(!s.loads("consolidated.safetensors"));
  }

  @Test
  void gptOssLoadsRootShardsNotOriginalOrMetal() {
    Selection s =
        WeightFileSelection.select(
            GPT_OSS_20B,
            Set.of(
                "model-00000-of-00002.safetensors",
                "model-00001-of-00002.safetensors",
                "model-00002-of-00002.safetensors"));
    assertEquals(
        List.of(
            "model-00000-of-00002.safetensors",
            "model-00001-of-00002.safetensors",
            "model-00002-of-00002.safetensors"),
        s.weightFiles());
    assertEquals(List.of("metal/model.bin", "original/model.safetensors"), s.duplicates());
  }

  @Test
  void llamaOriginalFolderIsNotLoaded() {
    Selection s = WeightFileSelection.select(LLAMA_31_8B_INSTRUCT, null);
    assertEquals(Format.SAFETENSORS, s.format());
    assertEquals(4, s.weightFiles().size());
    assertEquals(List.of("original/consolidated.00.pth"), s.duplicates());
  }

  @Test
  void binOnlyRepoLoadsItsBinShardsWithoutTrainingLeftovers() {
    Selection s = WeightFileSelection.select(BIN_ONLY, null);
    assertEquals(Format.PYTORCH_BIN, s.format());
    assertEquals(
        List.of("pytorch_model-00001-of-00002.bin", "pytorch_model-00002-of-00002.bin"),
        s.weightFiles());
    assertEquals(List.of("training_args.bin"), s.duplicates());
  }

  @Test
  void safetensorsWinOverBinInTheSameRepo() {
    Selection s =
        WeightFileSelection.select(
            BIN_AND_SAFETENSORS,
            Set.of("model-00001-of-00008.safetensors", "model-00002-of-00008.safetensors"));
    assertEquals(Format.SAFETENSORS, s.format());
    assertEquals(
        List.of("model-00001-of-00008.safetensors", "model-00002-of-00008.safetensors"),
        s.weightFiles());
    assertEquals(
        List.of("pytorch_model-00001-of-00008.bin", "pytorch_model-00002-of-00008.bin"),
        s.duplicates());
  }

  @Test
  void repoWithoutRootWeightsSelectsNothing() {
    Selection s =
        WeightFileSelection.select(List.of("config.json", "model-q4_k_m.gguf", "README.md"), null);
    assertEquals(Format.NONE, s.format());
    assertTrue(s.weightFiles().isEmpty());
  }

  @Test
  void ggufBesideSafetensorsIsADuplicateAndAloneIsLeftToTheRepo() {
    Selection s =
        WeightFileSelection.select(
            List.of("config.json", "model.safetensors", "model-Q4_K_M.gguf", "gguf/model-f16.gguf"),
            null);
    assertEquals(List.of("model.safetensors"), s.weightFiles());
    assertEquals(List.of("model-Q4_K_M.gguf", "gguf/model-f16.gguf"), s.duplicates());

    Selection alone = WeightFileSelection.select(List.of("config.json", "model-q4_k_m.gguf"), null);
    assertEquals(Format.NONE, alone.format());
    assertTrue(alone.duplicates().isEmpty(), "a GGUF-only repo keeps its gguf files");
  }
}
