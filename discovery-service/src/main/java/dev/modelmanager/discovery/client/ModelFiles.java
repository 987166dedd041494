package dev.modelmanager.discovery.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelmanager.discovery.domain.model.TensorEntry;
import java.util.List;

/**
 * What the Hub holds for a model at one commit, as far as sizing needs it.
 *
 * @param info the model info ({@code GET /api/models/{repo}/revision/{rev}})
 * @param commit the commit the revision resolved to
 * @param config the full config.json
 * @param hfQuantConfig hf_quant_config.json (ModelOpt checkpoints), or null
 * @param tensors every tensor of every safetensors file, from their headers; empty when none
 * @param safetensorsFiles how many safetensors files the headers came from
 */
public record ModelFiles(
    JsonNode info,
    String commit,
    JsonNode config,
    JsonNode hfQuantConfig,
    List<TensorEntry> tensors,
    int safetensorsFiles) {}
