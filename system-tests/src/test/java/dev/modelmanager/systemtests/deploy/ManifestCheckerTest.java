package dev.modelmanager.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The checker itself: each kind of mistake it must catch, on a small hand-written manifest. */
class ManifestCheckerTest {

  private static final String HARDENED_DEPLOYMENT =
      """
      apiVersion: apps/v1
      kind: Deployment
      metadata: {name: web}
      spec:
        selector: {matchLabels: {app: web}}
        template:
          metadata: {labels: {app: web}}
          spec:
            securityContext: {runAsNonRoot: true, runAsUser: 1000}
            containers:
              - name: web
                image: example/web:1
                securityContext: {allowPrivilegeEscalation: false}
                resources: {requests: {cpu: 10m, memory: 64Mi}, limits: {memory: 64Mi}}
                livenessProbe: {tcpSocket: {port: 80}}
                readinessProbe: {tcpSocket: {port: 80}}
                startupProbe: {tcpSocket: {port: 80}}
      """;

  @Test
  void acceptsAProbedBoundedNonRootDeployment() throws IOException {
    assertThat(ManifestChecker.problems(parse(HARDENED_DEPLOYMENT))).isEmpty();
  }

  @Test
  void rejectsAFieldTheKubernetesApiDoesNotDefine() throws IOException {
    String misspelt = HARDENED_DEPLOYMENT.replace("readinessProbe:", "readynessProbe:");

    assertThat(ManifestChecker.problems(parse(misspelt)))
        .anyMatch(p -> p.contains("readynessProbe"));
  }

  @Test
  void rejectsAContainerThatCouldRunAsRoot() throws IOException {
    String rootAllowed =
        HARDENED_DEPLOYMENT.replace("runAsNonRoot: true, runAsUser: 1000", "runAsUser: 0");

    assertThat(ManifestChecker.problems(parse(rootAllowed)))
        .contains(
            "apps/v1/Deployment web container web: could run as root: runAsNonRoot is not true",
            "apps/v1/Deployment web container web: runs as root: runAsUser is 0");
  }

  @Test
  void rejectsAContainerWithoutProbesOrResources() throws IOException {
    String bare =
        HARDENED_DEPLOYMENT
            .replace("startupProbe: {tcpSocket: {port: 80}}", "")
            .replace(
                "resources: {requests: {cpu: 10m, memory: 64Mi}, limits: {memory: 64Mi}}",
                "resources: {}");

    assertThat(ManifestChecker.problems(parse(bare)))
        .contains(
            "apps/v1/Deployment web container web: no startup probe",
            "apps/v1/Deployment web container web: no cpu request",
            "apps/v1/Deployment web container web: no memory limit");
  }

  @Test
  void holdsModelManagerServicesToAReadOnlyRootAndTheQuarkusHealthProbes() throws IOException {
    String service =
        HARDENED_DEPLOYMENT.replace(
            "{labels: {app: web}}",
            "{labels: {app: web, app.kubernetes.io/part-of: model-manager}}");

    assertThat(ManifestChecker.problems(parse(service)))
        .contains(
            "apps/v1/Deployment web container web: root filesystem is writable",
            "apps/v1/Deployment web container web: capabilities are not all dropped",
            "apps/v1/Deployment web container web: liveness probe is not on /q/health/live (null)");
  }

  @Test
  void rejectsAnUnknownFieldInACustomResource() throws IOException {
    String topic =
        """
        apiVersion: kafka.strimzi.io/v1
        kind: KafkaTopic
        metadata: {name: t}
        spec: {topicName: t, partitions: 3, replicas: 3, replicationFactor: 3}
        """;

    assertThat(ManifestChecker.problems(parse(topic)))
        .anyMatch(p -> p.contains("replicationFactor"));
  }

  @Test
  void checksInferenceServicesAgainstKserveSchema() throws IOException {
    // The predictor of docs/weights.md: the weights PVC mounted read-only, the Hub offline.
    String isvc =
        """
        apiVersion: serving.kserve.io/v1beta1
        kind: InferenceService
        metadata: {name: qwen}
        spec:
          predictor:
            model:
              modelFormat: {name: huggingface}
              runtime: kserve-huggingfaceserver
              args: ["--model_id=Qwen/Qwen2.5-0.5B", "--model_revision=main"]
              env:
                - {name: HF_HUB_CACHE, value: /mnt/models-cache}
                - {name: HF_HUB_OFFLINE, value: "1"}
              volumeMounts:
                - {name: weights, mountPath: /mnt/models-cache, readOnly: true}
            volumes:
              - name: weights
                persistentVolumeClaim: {claimName: models-main, readOnly: true}
        """;

    assertThat(ManifestChecker.problems(parse(isvc))).isEmpty();
    assertThat(ManifestChecker.problems(parse(isvc.replace("modelFormat:", "modelFromat:"))))
        .anyMatch(p -> p.contains("modelFromat"));
  }

  @Test
  void rejectsAKindWithoutModelOrSchema() throws IOException {
    String unknown = "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\n";

    assertThat(ManifestChecker.problems(parse(unknown)))
        .containsExactly(
            "example.com/v1/Widget w: no fabric8 model or CRD schema fixture for this kind");
  }

  private static List<ObjectNode> parse(String yaml) throws IOException {
    return Kustomize.parseAll(yaml);
  }
}
