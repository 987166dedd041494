package dev.modelmanager.deploy.domain;

/** What a revision did to its deployment. */
public enum RevisionAction {
  ACTIVATE,
  ROLLBACK,
  DEACTIVATE
}
