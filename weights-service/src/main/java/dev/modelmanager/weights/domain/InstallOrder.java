package dev.modelmanager.weights.domain;

import java.util.List;

/**
 * A validated install request.
 *
 * @param location the storage location, null for the first configured
 */
public record InstallOrder(
    String repo,
    String revision,
    String location,
    List<String> include,
    List<String> exclude,
    boolean overwrite,
    boolean pin) {}
