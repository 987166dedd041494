package dev.modelmanager.deploy.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelmanager.deploy.domain.DeploymentStatus;
import dev.modelmanager.deploy.domain.LiveState;

/**
 * A deployment: the desired revision, the active one, and what runs now.
 *
 * @param health Ready, NotReady, Absent, or Unknown when the cluster cannot be asked
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeploymentView(
    String name,
    RevisionView desired,
    RevisionView active,
    String health,
    LiveState live,
    String liveError) {

  static DeploymentView of(DeploymentStatus s) {
    return new DeploymentView(
        s.name(),
        s.desired() == null ? null : RevisionView.of(s.desired(), false),
        s.active() == null ? null : RevisionView.of(s.active(), false),
        s.live() == null ? (s.liveError() == null ? null : "Unknown") : s.live().health(),
        s.live(),
        s.liveError());
  }
}
