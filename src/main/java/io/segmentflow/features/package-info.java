/**
 * Cleaned table to feature matrix, and feature matrix to scaled matrix. Recency is derived from a
 * date column against a reference date (by default the newest date in the input, so a rerun gives
 * the same answer). Scalers are fitted once and kept, so profiles can be inverted to original units.
 */
package io.segmentflow.features;
