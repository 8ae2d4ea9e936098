/**
 * Scoring new customers against the current saved model without refitting: the same features,
 * the run's scaler and the nearest of the run's centroids. Used by the REST API, the scoring inbox
 * and {@code direct:score}.
 */
package io.segmentflow.score;
