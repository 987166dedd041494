package dev.modelmanager.model.weights;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** One page of the weights inventory. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SnapshotPage(List<StagedSnapshot> items, String nextCursor) {}
