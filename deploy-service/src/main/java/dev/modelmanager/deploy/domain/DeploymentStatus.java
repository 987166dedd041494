package dev.modelmanager.deploy.domain;

/**
 * A deployment as a person asks about it.
 *
 * @param desired the newest revision (what should run)
 * @param active the newest revision that was READY and still serves (null when none)
 * @param live what the cluster shows now (null when the cluster could not be asked)
 * @param liveError why {@code live} is missing
 */
public record DeploymentStatus(
    String name, Revision desired, Revision active, LiveState live, String liveError) {}
