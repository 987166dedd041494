package dev.modelmanager.deploy.service;

import dev.modelmanager.kit.web.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One change at a time per deployment in this replica. Across replicas the unique revision number
 * decides: the second insert of the same number fails and answers 409.
 */
@ApplicationScoped
public class DeploymentLocks {
  private final Map<String, ReentrantLock> locks = new ConcurrentHashMap<>();

  /**
   * Runs {@code work} holding the deployment's lock, or answers 409 when another change holds it.
   */
  public <T> T exclusive(String deployment, Supplier<T> work) {
    ReentrantLock lock = locks.computeIfAbsent(deployment, k -> new ReentrantLock());
    if (!lock.tryLock()) {
      throw ProblemException.conflict(
          "Another change to deployment "
              + deployment
              + " is being made; try again when it is done");
    }
    try {
      return work.get();
    } finally {
      lock.unlock();
    }
  }

  /** Runs {@code work} if no change holds the deployment's lock; false if it was skipped. */
  public boolean ifFree(String deployment, Runnable work) {
    ReentrantLock lock = locks.computeIfAbsent(deployment, k -> new ReentrantLock());
    if (!lock.tryLock()) {
      return false;
    }
    try {
      work.run();
      return true;
    } finally {
      lock.unlock();
    }
  }
}
