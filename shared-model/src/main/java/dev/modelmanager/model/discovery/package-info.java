/**
 * The parts of discovery-service's API other services read (model details, recommendations, GPU
 * pools, vLLM architectures), as records. Fields a consumer does not need are left out; unknown
 * fields are ignored, so discovery may add fields freely.
 */
package dev.modelmanager.model.discovery;
