package dev.modelmanager.systemtests.deploy;

import static dev.modelmanager.systemtests.deploy.Rendered.SERVICES;
import static dev.modelmanager.systemtests.deploy.Rendered.get;
import static dev.modelmanager.systemtests.deploy.Rendered.name;
import static dev.modelmanager.systemtests.deploy.Rendered.names;
import static dev.modelmanager.systemtests.deploy.Rendered.ofKind;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Renders deploy/overlays/dev and deploy/overlays/production with `kubectl kustomize` and checks
 * what a cluster would run. No cluster is needed.
 */
class DeployManifestsTest {

  @ParameterizedTest
  @ValueSource(strings = {"dev", "production"})
  void everyObjectMatchesItsSchemaAndEveryPodIsProbedBoundedAndNonRoot(String overlay) {
    List<ObjectNode> objects = Kustomize.render(overlay);

    assertThat(objects).hasSizeGreaterThan(40);
    assertThat(ManifestChecker.problems(objects)).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "production"})
  void everyServiceHasItsAccountServiceDisruptionBudgetAndConfig(String overlay) {
    List<ObjectNode> objects = Kustomize.render(overlay);

    for (String service : SERVICES) {
      get(objects, "Deployment", service);
      get(objects, "ServiceAccount", service);
      get(objects, "Service", service);
      get(objects, "PodDisruptionBudget", service);
      assertThat(names(objects, "ConfigMap")).anyMatch(n -> n.startsWith(service + "-config"));
    }
    assertThat(names(objects, "Ingress")).containsExactly("gateway");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "production"})
  void everySecretReadIsMadeByTheOverlaysSecretsWithTheKeyRead(String overlay) {
    List<ObjectNode> objects = Kustomize.render(overlay);
    List<ObjectNode> secrets = Kustomize.renderSecrets(overlay);

    assertThat(ofKind(objects, "Secret"))
        .as("Secrets live in secrets/, not in the overlay")
        .isEmpty();
    assertThat(ManifestChecker.problems(secrets)).isEmpty();
    List<SecretReferences.Reference> refs = SecretReferences.in(objects);
    assertThat(refs).hasSizeGreaterThan(10);
    for (SecretReferences.Reference ref : refs) {
      JsonNode secret =
          Rendered.find(secrets, "Secret", ref.secret())
              .orElseThrow(() -> new AssertionError("no Secret for " + ref));
      if (ref.key() != null) {
        assertThat(secret.path("data").has(ref.key())).as(ref.toString()).isTrue();
      }
    }
  }

  @Test
  void devRunsOneReplicaOfEachServiceOnItsOwnPostgresAndKafka() {
    List<ObjectNode> objects = Kustomize.render("dev");

    for (String service : SERVICES) {
      assertThat(get(objects, "Deployment", service).at("/spec/replicas").asInt()).isEqualTo(1);
    }
    assertThat(names(objects, "StatefulSet")).containsExactly("mm-kafka", "mm-postgres");
    JsonNode kafka = get(objects, "StatefulSet", "mm-kafka").at("/spec/template/spec/containers/0");
    assertThat(env(kafka, "KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
    assertThat(ofKind(objects, "HorizontalPodAutoscaler")).isEmpty();
  }

  @Test
  void productionRunsAtLeastTwoReplicasOfEachServiceWithAnAutoscaler() {
    List<ObjectNode> objects = Kustomize.render("production");

    for (String service : SERVICES) {
      assertThat(get(objects, "Deployment", service).at("/spec/replicas").asInt())
          .isGreaterThanOrEqualTo(2);
      JsonNode hpa = get(objects, "HorizontalPodAutoscaler", service).path("spec");
      assertThat(hpa.at("/scaleTargetRef/name").asText()).isEqualTo(service);
      assertThat(hpa.path("minReplicas").asInt()).isGreaterThanOrEqualTo(2);
    }
  }

  @Test
  void productionPostgresIsAThreeInstanceClusterWithADatabaseAndRolePerService() {
    List<ObjectNode> objects = Kustomize.render("production");

    JsonNode cluster = get(objects, "Cluster", "mm-postgres").path("spec");
    assertThat(cluster.path("instances").asInt()).isEqualTo(3);
    List<String> roles = new ArrayList<>();
    cluster.at("/managed/roles").forEach(r -> roles.add(r.path("name").asText()));
    List<String> databases = new ArrayList<>();
    ofKind(objects, "Database").forEach(d -> databases.add(d.at("/spec/name").asText()));
    List<String> schemas = List.of("discovery", "weights", "catalog", "deploy", "gateway");
    assertThat(roles).containsExactlyInAnyOrderElementsOf(schemas);
    assertThat(databases).containsExactlyInAnyOrderElementsOf(schemas);
    assertThat(ofKind(objects, "ScheduledBackup")).hasSize(1);
  }

  @Test
  void productionKafkaRunsInKraftModeWithEveryTopicReplicatedThreeTimes() {
    List<ObjectNode> objects = Kustomize.render("production");

    get(objects, "Kafka", "mm-kafka");
    JsonNode pool = ofKind(objects, "KafkaNodePool").get(0).path("spec");
    assertThat(pool.path("roles").toString()).contains("controller", "broker");
    assertThat(pool.path("replicas").asInt()).isGreaterThanOrEqualTo(3);
    List<String> topics = new ArrayList<>();
    for (JsonNode topic : ofKind(objects, "KafkaTopic")) {
      topics.add(topic.at("/spec/topicName").asText());
      assertThat(topic.at("/spec/replicas").asInt()).isEqualTo(3);
      assertThat(topic.at("/spec/config/min.insync.replicas").asInt()).isEqualTo(2);
    }
    assertThat(topics)
        .containsExactlyInAnyOrder(
            "mm.discovery", "mm.weights", "mm.catalog", "mm.deploy", "mm.gateway");
  }

  @Test
  void productionScrapesEveryServiceAndShipsRulesAndDashboards() {
    List<ObjectNode> objects = Kustomize.render("production");

    assertThat(names(objects, "ServiceMonitor")).containsExactlyInAnyOrderElementsOf(SERVICES);
    for (JsonNode monitor : ofKind(objects, "ServiceMonitor")) {
      assertThat(monitor.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
    }
    assertThat(names(objects, "PrometheusRule")).containsExactly("model-manager");
    List<String> dashboards =
        ofKind(objects, "ConfigMap").stream()
            .filter(c -> "1".equals(c.at("/metadata/labels/grafana_dashboard").asText()))
            .map(Rendered::name)
            .toList();
    assertThat(dashboards).hasSize(5);
    assertThat(names(objects, "HTTPRoute")).containsExactly("gateway");
  }

  @ParameterizedTest
  @ValueSource(strings = {"dev", "production"})
  void onlyTheGatewayTakesTrafficFromAnywhere(String overlay) {
    List<ObjectNode> objects = Kustomize.render(overlay);

    JsonNode deny =
        get(objects, "NetworkPolicy", "model-manager-default-deny-ingress").path("spec");
    assertThat(deny.at("/podSelector/matchLabels/app.kubernetes.io~1part-of").asText())
        .isEqualTo("model-manager");
    assertThat(deny.path("ingress").isMissingNode()).isTrue();
    for (JsonNode policy : ofKind(objects, "NetworkPolicy")) {
      for (JsonNode rule : policy.at("/spec/ingress")) {
        if (rule.path("from").isMissingNode()) {
          assertThat(policy.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText())
              .as("open ingress in %s", name(policy))
              .isEqualTo("gateway");
        }
      }
    }
  }

  @Test
  void serviceAccountsHoldOnlyWhatTheirServiceNeeds() {
    List<ObjectNode> objects = Kustomize.render("production");

    List<JsonNode> rules = new ArrayList<>();
    ofKind(objects, "Role").forEach(r -> r.path("rules").forEach(rules::add));
    ofKind(objects, "ClusterRole").forEach(r -> r.path("rules").forEach(rules::add));
    for (JsonNode rule : rules) {
      assertThat(rule.path("verbs").toString()).doesNotContain("\"*\"");
      assertThat(rule.path("resources").toString()).doesNotContain("secrets", "\"*\"");
    }
    JsonNode isvc = get(objects, "Role", "model-manager-deploy").at("/rules/0");
    assertThat(isvc.path("resources").get(0).asText()).isEqualTo("inferenceservices");
    assertThat(strings(isvc.path("verbs")))
        .containsExactlyInAnyOrder("get", "list", "watch", "create", "patch", "update", "delete");
    JsonNode gpu = get(objects, "ClusterRole", "model-manager-discovery-gpu-reader").at("/rules/0");
    assertThat(strings(gpu.path("verbs"))).containsExactlyInAnyOrder("get", "list");
    for (String service : List.of("gateway", "weights-service", "catalog-service")) {
      assertThat(
              get(objects, "ServiceAccount", service)
                  .path("automountServiceAccountToken")
                  .asBoolean())
          .as(service)
          .isFalse();
    }
  }

  @Test
  void secretInputsAreNeverCommittedWithValues() {
    Commands.Result tracked = Commands.run(RepoTree.root(), "git", "ls-files", "deploy");

    assertThat(tracked.ok()).as(tracked.output()).isTrue();
    List<String> files = tracked.output().lines().toList();
    assertThat(files).noneMatch(f -> f.endsWith(".env"));
    for (String example : files.stream().filter(f -> f.endsWith(".env.example")).toList()) {
      for (String line : read(example)) {
        if (line.matches("(?i)[A-Z_]*(PASSWORD|TOKEN|SECRET|KEY)[A-Z_]*=.*")) {
          assertThat(line).as(example).endsWith("=");
        }
      }
    }
  }

  private static List<String> read(String repoPath) {
    try {
      return java.nio.file.Files.readAllLines(RepoTree.root().resolve(repoPath));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String env(JsonNode container, String name) {
    for (JsonNode e : container.path("env")) {
      if (name.equals(e.path("name").asText())) {
        return e.path("value").asText();
      }
    }
    return null;
  }

  private static List<String> strings(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }
}
