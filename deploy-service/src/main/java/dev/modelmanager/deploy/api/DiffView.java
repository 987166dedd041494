package dev.modelmanager.deploy.api;

import com.fasterxml.jackson.databind.JsonNode;

/** A difference as a JSON Patch and as a unified YAML diff. */
public record DiffView(JsonNode patch, String yaml) {}
