package dev.modelmanager.deploy.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A snapshot in weights-service's inventory, the fields deploy-service reads. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StagedSnapshot(
    String repo, String commit, String location, String status, boolean verified, boolean inUse) {}
