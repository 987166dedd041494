package dev.modelmanager.deploy.client;

/**
 * What the fit engine said: whether an option fits, and its explanation.
 *
 * @param fits true when the engine found an option that fits the GPUs asked about
 * @param summary the best option's explanation, or the engine's notes
 */
public record FitAnswer(boolean fits, String summary) {}
