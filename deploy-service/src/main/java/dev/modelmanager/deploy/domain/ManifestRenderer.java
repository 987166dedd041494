package dev.modelmanager.deploy.domain;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelmanager.model.catalog.ModelEntry;
import java.util.List;
import java.util.Map;

/**
 * Renders a catalog entry as a KServe {@code serving.kserve.io/v1beta1} InferenceService in
 * RawDeployment mode, served by vLLM. Pure: the same input gives the same manifest.
 */
public final class ManifestRenderer {
  /** Where the weights PVC is mounted: a Hugging Face hub cache (the weights-service layout). */
  public static final String WEIGHTS_MOUNT = "/mnt/models-cache";

  static final String WEIGHTS_VOLUME = "model-weights";
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private ManifestRenderer() {}

  public static ObjectNode render(RenderInput in) {
    ModelEntry e = in.approved().entry();
    ObjectNode isvc = F.objectNode();
    isvc.put("apiVersion", "serving.kserve.io/v1beta1");
    isvc.put("kind", "InferenceService");
    isvc.set("metadata", metadata(in, e));
    ObjectNode predictor = F.objectNode();
    predictor.set("labels", revisionLabels(in, e));
    predictor.put("minReplicas", 1);
    predictor.put("maxReplicas", 1);
    predictor.set("deploymentStrategy", F.objectNode().put("type", in.strategy().kubernetesName()));
    if (e.nodeSelector() != null && !e.nodeSelector().isEmpty()) {
      predictor.set("nodeSelector", strings(e.nodeSelector()));
    }
    if (e.tolerations() != null && !e.tolerations().isEmpty()) {
      predictor.set("tolerations", tolerations(e.tolerations()));
    }
    predictor.set("model", model(in, e));
    if (in.weightsClaim() != null) {
      ObjectNode claim = F.objectNode().put("claimName", in.weightsClaim()).put("readOnly", true);
      predictor.set(
          "volumes",
          F.arrayNode()
              .add(F.objectNode().put("name", WEIGHTS_VOLUME).set("persistentVolumeClaim", claim)));
    }
    isvc.set("spec", F.objectNode().set("predictor", predictor));
    return isvc;
  }

  private static ObjectNode metadata(RenderInput in, ModelEntry e) {
    ObjectNode labels = F.objectNode();
    if (e.labels() != null) {
      e.labels().forEach(labels::put);
    }
    labels.setAll(revisionLabels(in, e));
    labels.put(Labels.MANAGED_BY, Labels.MANAGER);
    labels.put(Labels.NAME, in.deployment());
    ObjectNode annotations = F.objectNode();
    annotations.put(Labels.DEPLOYMENT_MODE, "RawDeployment");
    annotations.put(Labels.ENTRY, e.id());
    annotations.put(Labels.CATALOG_COMMIT, in.approved().commit());
    annotations.put(Labels.MODEL, e.hfModelId());
    annotations.put(Labels.MODEL_COMMIT, e.revision());
    if (in.weightsClaim() != null) {
      annotations.put(Labels.WEIGHTS_LOCATION, e.weights().location());
    }
    ObjectNode meta = F.objectNode();
    meta.put("name", in.deployment());
    meta.put("namespace", in.namespace());
    meta.set("labels", labels);
    meta.set("annotations", annotations);
    return meta;
  }

  private static ObjectNode revisionLabels(RenderInput in, ModelEntry e) {
    return F.objectNode()
        .put(Labels.ENTRY, e.id())
        .put(Labels.REVISION, Integer.toString(in.revision()));
  }

  private static ObjectNode model(RenderInput in, ModelEntry e) {
    ObjectNode model = F.objectNode();
    model.set("modelFormat", F.objectNode().put("name", "vLLM"));
    model.put("runtime", e.runtime());
    ArrayNode args = F.arrayNode();
    VllmArgs.of(e).forEach(args::add);
    model.set("args", args);
    ArrayNode env = F.arrayNode();
    if (in.weightsClaim() != null) {
      env.add(F.objectNode().put("name", "HF_HUB_CACHE").put("value", WEIGHTS_MOUNT));
      env.add(F.objectNode().put("name", "HF_HUB_OFFLINE").put("value", "1"));
    }
    if (e.env() != null) {
      e.env().forEach(v -> env.add(envVar(v)));
    }
    if (!env.isEmpty()) {
      model.set("env", env);
    }
    if (e.resources() != null) {
      ObjectNode resources = F.objectNode();
      if (e.resources().requests() != null) {
        resources.set("requests", strings(e.resources().requests()));
      }
      if (e.resources().limits() != null) {
        resources.set("limits", strings(e.resources().limits()));
      }
      model.set("resources", resources);
    }
    if (in.weightsClaim() != null) {
      model.set(
          "volumeMounts",
          F.arrayNode()
              .add(
                  F.objectNode()
                      .put("name", WEIGHTS_VOLUME)
                      .put("mountPath", WEIGHTS_MOUNT)
                      .put("readOnly", true)));
    }
    // The kubelet then copies the container's last log lines into the terminated state, so a
    // crash reason can quote them without log access.
    model.put("terminationMessagePolicy", "FallbackToLogsOnError");
    return model;
  }

  private static ObjectNode envVar(ModelEntry.EnvVar v) {
    ObjectNode out = F.objectNode().put("name", v.name());
    if (v.valueFrom() != null) {
      ObjectNode from = F.objectNode();
      if (v.valueFrom().secretKeyRef() != null) {
        from.set("secretKeyRef", keyRef(v.valueFrom().secretKeyRef()));
      }
      if (v.valueFrom().configMapKeyRef() != null) {
        from.set("configMapKeyRef", keyRef(v.valueFrom().configMapKeyRef()));
      }
      out.set("valueFrom", from);
    } else if (v.value() != null) {
      out.put("value", v.value());
    }
    return out;
  }

  private static ObjectNode keyRef(ModelEntry.KeyRef ref) {
    return F.objectNode().put("name", ref.name()).put("key", ref.key());
  }

  private static ArrayNode tolerations(List<ModelEntry.Toleration> tolerations) {
    ArrayNode out = F.arrayNode();
    for (ModelEntry.Toleration t : tolerations) {
      ObjectNode n = F.objectNode();
      putIfSet(n, "key", t.key());
      putIfSet(n, "operator", t.operator());
      putIfSet(n, "value", t.value());
      putIfSet(n, "effect", t.effect());
      if (t.tolerationSeconds() != null) {
        n.put("tolerationSeconds", t.tolerationSeconds());
      }
      out.add(n);
    }
    return out;
  }

  private static void putIfSet(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  private static ObjectNode strings(Map<String, String> map) {
    ObjectNode n = F.objectNode();
    map.forEach(n::put);
    return n;
  }
}
