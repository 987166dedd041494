package dev.modelmanager.model.weights;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One storage location of {@code GET /api/v1/weights/locations}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StorageLocation(String name, String pvcName, long freeBytes, String level) {}
