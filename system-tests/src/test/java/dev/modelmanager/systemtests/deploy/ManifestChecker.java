package dev.modelmanager.systemtests.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * What every rendered object must satisfy: a known schema without unknown fields, and for every
 * pod: probes, resources, and no way to run as root. Model Manager's own services (pods labelled
 * app.kubernetes.io/part-of=model-manager) must also be read-only, drop all capabilities and use
 * the runtime's seccomp profile, with probes on the Quarkus health endpoints.
 */
final class ManifestChecker {

  private ManifestChecker() {}

  /** Every problem found, one line each, naming the object and container. */
  static List<String> problems(List<? extends JsonNode> objects) {
    List<String> problems = new ArrayList<>();
    for (JsonNode object : objects) {
      String id = CrdSchemas.key(object) + " " + object.path("metadata").path("name").asText();
      if (KubernetesModels.knows(object)) {
        try {
          HasMetadata model = KubernetesModels.parse(object).orElseThrow();
          podTemplate(model).ifPresent(t -> problems.addAll(pod(id, t)));
        } catch (IllegalArgumentException e) {
          problems.add(id + ": " + e.getMessage());
        }
      } else {
        Optional<List<String>> errors = CrdSchemas.get().validate(object);
        if (errors.isEmpty()) {
          problems.add(id + ": no fabric8 model or CRD schema fixture for this kind");
        } else {
          errors.get().forEach(e -> problems.add(id + ": " + e));
        }
      }
    }
    return problems;
  }

  static Optional<PodTemplateSpec> podTemplate(HasMetadata model) {
    PodTemplateSpec template = null;
    if (model instanceof Deployment d) {
      template = d.getSpec().getTemplate();
    } else if (model instanceof StatefulSet s) {
      template = s.getSpec().getTemplate();
    } else if (model instanceof DaemonSet d) {
      template = d.getSpec().getTemplate();
    } else if (model instanceof Job j) {
      template = j.getSpec().getTemplate();
    } else if (model instanceof CronJob c) {
      template = c.getSpec().getJobTemplate().getSpec().getTemplate();
    }
    return Optional.ofNullable(template);
  }

  private static List<String> pod(String id, PodTemplateSpec template) {
    PodSpec pod = template.getSpec();
    Map<String, String> labels = template.getMetadata().getLabels();
    boolean service =
        labels != null && "model-manager".equals(labels.get("app.kubernetes.io/part-of"));
    List<String> problems = new ArrayList<>();
    for (Container c : pod.getContainers()) {
      String where = id + " container " + c.getName() + ": ";
      probes(c, service).forEach(p -> problems.add(where + p));
      resources(c).forEach(p -> problems.add(where + p));
      root(pod.getSecurityContext(), c).forEach(p -> problems.add(where + p));
      if (service) {
        hardening(pod, c).forEach(p -> problems.add(where + p));
      }
    }
    for (Container c : Objects.requireNonNullElse(pod.getInitContainers(), List.<Container>of())) {
      String where = id + " init container " + c.getName() + ": ";
      resources(c).forEach(p -> problems.add(where + p));
      root(pod.getSecurityContext(), c).forEach(p -> problems.add(where + p));
    }
    return problems;
  }

  private static List<String> probes(Container c, boolean service) {
    List<String> problems = new ArrayList<>();
    probe("liveness", c.getLivenessProbe(), "/q/health/live", service).ifPresent(problems::add);
    probe("readiness", c.getReadinessProbe(), "/q/health/ready", service).ifPresent(problems::add);
    probe("startup", c.getStartupProbe(), "/q/health/started", service).ifPresent(problems::add);
    return problems;
  }

  private static Optional<String> probe(String kind, Probe probe, String path, boolean service) {
    if (probe == null) {
      return Optional.of("no " + kind + " probe");
    }
    String actual = probe.getHttpGet() == null ? null : probe.getHttpGet().getPath();
    if (service && !path.equals(actual)) {
      return Optional.of(kind + " probe is not on " + path + " (" + actual + ")");
    }
    return Optional.empty();
  }

  private static List<String> resources(Container c) {
    ResourceRequirements r = c.getResources();
    List<String> problems = new ArrayList<>();
    if (r == null || r.getRequests() == null || !r.getRequests().containsKey("cpu")) {
      problems.add("no cpu request");
    }
    if (r == null || r.getRequests() == null || !r.getRequests().containsKey("memory")) {
      problems.add("no memory request");
    }
    if (r == null || r.getLimits() == null || !r.getLimits().containsKey("memory")) {
      problems.add("no memory limit");
    }
    return problems;
  }

  /** Root is possible unless runAsNonRoot holds and no UID 0 is set, at pod or container level. */
  private static List<String> root(PodSecurityContext pod, Container c) {
    SecurityContext container = c.getSecurityContext();
    List<String> problems = new ArrayList<>();
    Boolean nonRoot =
        effective(
            pod, container, PodSecurityContext::getRunAsNonRoot, SecurityContext::getRunAsNonRoot);
    Long user =
        effective(pod, container, PodSecurityContext::getRunAsUser, SecurityContext::getRunAsUser);
    if (!Boolean.TRUE.equals(nonRoot)) {
      problems.add("could run as root: runAsNonRoot is not true");
    }
    if (user != null && user == 0L) {
      problems.add("runs as root: runAsUser is 0");
    }
    if (container == null || !Boolean.FALSE.equals(container.getAllowPrivilegeEscalation())) {
      problems.add("could escalate to root: allowPrivilegeEscalation is not false");
    }
    if (container != null && Boolean.TRUE.equals(container.getPrivileged())) {
      problems.add("privileged");
    }
    return problems;
  }

  private static List<String> hardening(PodSpec pod, Container c) {
    SecurityContext sc = c.getSecurityContext();
    List<String> problems = new ArrayList<>();
    if (sc == null || !Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
      problems.add("root filesystem is writable");
    }
    if (sc == null
        || sc.getCapabilities() == null
        || sc.getCapabilities().getDrop() == null
        || !sc.getCapabilities().getDrop().contains("ALL")) {
      problems.add("capabilities are not all dropped");
    }
    String seccomp =
        sc != null && sc.getSeccompProfile() != null
            ? sc.getSeccompProfile().getType()
            : pod.getSecurityContext() == null
                    || pod.getSecurityContext().getSeccompProfile() == null
                ? null
                : pod.getSecurityContext().getSeccompProfile().getType();
    if (!"RuntimeDefault".equals(seccomp)) {
      problems.add("seccomp profile is not RuntimeDefault (" + seccomp + ")");
    }
    boolean tmp = c.getVolumeMounts().stream().anyMatch(m -> "/tmp".equals(m.getMountPath()));
    if (!tmp) {
      problems.add("no writable /tmp mount");
    }
    return problems;
  }

  private static <T> T effective(
      PodSecurityContext pod,
      SecurityContext container,
      Function<PodSecurityContext, T> fromPod,
      Function<SecurityContext, T> fromContainer) {
    T value = container == null ? null : fromContainer.apply(container);
    return value != null ? value : pod == null ? null : fromPod.apply(pod);
  }
}
