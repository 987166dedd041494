/**
 * A Kubernetes API server (fabric8's mock, CRUD mode) with a small simulated KServe controller: it
 * turns InferenceServices into predictor pods on GPU nodes, flips their conditions to Ready after a
 * delay, and fails them the way a real cluster does (Insufficient nvidia.com/gpu, crash loops).
 * Used by deploy-service's tests and by {@code bin/mm up --demo}.
 */
package dev.modelmanager.testkit.kserve;
