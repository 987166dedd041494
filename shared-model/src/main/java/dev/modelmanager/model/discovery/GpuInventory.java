package dev.modelmanager.model.discovery;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** {@code GET /api/v1/gpus}: every known GPU pool. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record GpuInventory(List<GpuPool> items) {}
