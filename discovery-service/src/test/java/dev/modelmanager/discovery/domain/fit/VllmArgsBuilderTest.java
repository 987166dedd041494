package dev.modelmanager.discovery.domain.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class VllmArgsBuilderTest {

  @Test
  void emitsOneFlagPerElementInAStableOrder() {
    List<String> args =
        new VllmArgsBuilder()
            .tensorParallelSize(4)
            .maxModelLen(32_768)
            .gpuMemoryUtilization(0.92)
            .dtype("bfloat16")
            .quantization("fp8")
            .kvCacheFp8(true)
            .expertParallel(true)
            .trustRemoteCode(true)
            .build();
    assertEquals(
        List.of(
            "--tensor-parallel-size=4",
            "--max-model-len=32768",
            "--gpu-memory-utilization=0.92",
            "--dtype=bfloat16",
            "--quantization=fp8",
            "--kv-cache-dtype=fp8",
            "--enable-expert-parallel",
            "--trust-remote-code"),
        args);
  }

  @Test
  void leavesOutWhatVllmDetectsItself() {
    assertEquals(
        List.of("--tensor-parallel-size=1", "--gpu-memory-utilization=0.9"),
        new VllmArgsBuilder().build());
  }
}
