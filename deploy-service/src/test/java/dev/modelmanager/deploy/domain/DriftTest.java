package dev.modelmanager.deploy.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class DriftTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static final String APPLIED =
      """
      {"apiVersion": "serving.kserve.io/v1beta1", "kind": "InferenceService",
       "metadata": {"name": "chat", "labels": {"mm/revision": "3"}},
       "spec": {"predictor": {"minReplicas": 1,
         "model": {"runtime": "kserve-vllmserver", "args": ["--max-model-len=8192"]}}}}
      """;

  @Test
  void defaultsAndStatusAddedByTheClusterAreNotDrift() throws Exception {
    JsonNode live =
        JSON.readTree(
            """
            {"metadata": {"name": "chat", "resourceVersion": "42",
               "labels": {"mm/revision": "3", "serving.kserve.io/x": "y"},
               "annotations": {"kubectl.kubernetes.io/last-applied": "{}"}},
             "spec": {"predictor": {"minReplicas": 1.0, "maxReplicas": 1,
               "model": {"runtime": "kserve-vllmserver", "protocolVersion": "v2",
                 "args": ["--max-model-len=8192"]}}},
             "status": {"url": "http://chat"}}
            """);

    assertThat(Drift.between(JSON.readTree(APPLIED), live)).isEmpty();
  }

  @Test
  void aFieldOfOursChangedOrRemovedByHandIsDrift() throws Exception {
    JsonNode live =
        JSON.readTree(
            """
            {"metadata": {"name": "chat", "labels": {}},
             "spec": {"predictor": {"minReplicas": 3,
               "model": {"runtime": "kserve-vllmserver",
                 "args": ["--max-model-len=8192", "--enforce-eager"]}}}}
            """);

    assertThat(Drift.between(JSON.readTree(APPLIED), live))
        .containsExactly(
            "/spec/predictor/minReplicas",
            "/spec/predictor/model/args",
            "/metadata/labels/mm~1revision");
  }
}
