package dev.modelmanager.discovery.domain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelmanager.discovery.domain.TestConfigs;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParameterCountTest {

  private static TensorEntry t(String name, DType dtype, long... shape) {
    return new TensorEntry(name, dtype, java.util.Arrays.stream(shape).boxed().toList());
  }

  @Test
  void sumsElementsAndBytesPerDtype() {
    ParameterCount count =
        ParameterCount.fromTensors(
            List.of(
                t("model.embed_tokens.weight", DType.BF16, 128256, 4096),
                t("model.norm.weight", DType.BF16, 4096),
                t("model.layers.0.self_attn.q_proj.weight_scale", DType.F32, 1)));
    assertEquals(128256L * 4096 + 4096 + 1, count.total());
    assertEquals(128256L * 4096 + 4096, count.count(DType.BF16));
    assertEquals(1, count.count(DType.F32));
    assertEquals((128256L * 4096 + 4096) * 2 + 4, count.weightsBytes());
    assertFalse(count.looksQuantized());
  }

  @Test
  void countsGptqPackedInt32AsStoredElements() {
    // One 4096×4096 GPTQ 4-bit layer, group 128: qweight packs 8 weights per int32 along the
    // input dimension [4096/8, 4096]; qzeros packs zeros [32 groups, 4096/8]; scales fp16
    // [32, 4096]; g_idx int32 [4096].
    ParameterCount count =
        ParameterCount.fromTensors(
            List.of(
                t("q_proj.qweight", DType.I32, 512, 4096),
                t("q_proj.qzeros", DType.I32, 32, 512),
                t("q_proj.scales", DType.F16, 32, 4096),
                t("q_proj.g_idx", DType.I32, 4096)));
    assertEquals(512L * 4096 + 32 * 512 + 4096, count.count(DType.I32));
    assertEquals(32L * 4096, count.count(DType.F16));
    // bytes: 8 MiB qweight + 64 KiB qzeros + 256 KiB scales + 16 KiB g_idx
    assertEquals(512L * 4096 * 4 + 32 * 512 * 4 + 32 * 4096 * 2 + 4096 * 4, count.weightsBytes());
    // = 0.5 + 2.5/128 bytes per weight plus g_idx, as QuantizationConfig estimates
    double perWeight = (count.weightsBytes() - 4096 * 4) / (4096.0 * 4096);
    assertEquals(0.5 + 2.5 / 128, perWeight, 1e-12);
    assertTrue(count.looksQuantized());
  }

  @Test
  void countsFp8WeightsAndPackedU8() {
    ParameterCount count =
        ParameterCount.fromTensors(
            List.of(
                t("mlp.down_proj.weight", DType.F8_E4M3, 4096, 14336),
                t("mlp.down_proj.weight_scale_inv", DType.F32, 32, 112),
                t("experts.gate_up_proj_blocks", DType.U8, 32, 5760, 90, 16),
                t("experts.gate_up_proj_scales", DType.U8, 32, 5760, 90)));
    assertEquals(4096L * 14336, count.count(DType.F8_E4M3));
    assertEquals(
        4096L * 14336 + 32 * 112 * 4 + 32L * 5760 * 90 * 16 + 32L * 5760 * 90,
        count.weightsBytes());
  }

  @Test
  void buildsFromHubPerDtypeTotals() {
    ParameterCount count = ParameterCount.fromDtypeTotals(Map.of(DType.BF16, 8_030_261_248L));
    assertEquals(8_030_261_248L, count.total());
    assertEquals(16_060_522_496L, count.weightsBytes());
  }

  @Test
  void parsesSafetensorsHeaderAndSkipsMetadata() {
    // bert-base-uncased header entry from the fixture facts (huggingface.js spec)
    List<TensorEntry> tensors =
        SafetensorsHeaderParser.parse(
            TestConfigs.parse(
                """
                {"__metadata__":{"format":"pt"},
                 "bert.embeddings.LayerNorm.beta":{"dtype":"F32","shape":[768],"data_offsets":[0,3072]},
                 "bert.embeddings.word_embeddings.weight":{"dtype":"F32","shape":[30522,768],
                   "data_offsets":[3072,93766656]}}
                """));
    assertEquals(2, tensors.size());
    ParameterCount count = ParameterCount.fromTensors(tensors);
    assertEquals(768 + 30522L * 768, count.count(DType.F32));
    assertEquals(93_766_656L, count.weightsBytes()); // equals the last data_offsets end
  }

  @Test
  void rejectsUnknownDtype() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            SafetensorsHeaderParser.parse(
                TestConfigs.parse(
                    "{\"w\":{\"dtype\":\"Q9\",\"shape\":[1],\"data_offsets\":[0,1]}}")));
  }

  @Test
  void knowsDtypeWidths() {
    assertEquals(2, DType.BF16.bytesFor(1));
    assertEquals(1, DType.F8_E4M3.bytesFor(1));
    assertEquals(4, DType.I32.bytesFor(1));
    assertEquals(1, DType.F4.bytesFor(2)); // two packed FP4 values per byte
    assertEquals(DType.F8_E4M3, DType.fromTorchName("float8_e4m3fn").orElseThrow());
    assertEquals(DType.BF16, DType.fromSafetensors("bf16").orElseThrow());
  }
}
