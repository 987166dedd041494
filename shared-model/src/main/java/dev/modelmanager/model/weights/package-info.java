/** The parts of weights-service's API other services read, as records. */
package dev.modelmanager.model.weights;
