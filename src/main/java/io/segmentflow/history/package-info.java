/**
 * Segments over time: each run's saved model (and which one is current), the lasting identity of
 * segments across runs (matched by the Hungarian method on centroid distance), each customer's
 * migration, drift per segment, and alert rules on them.
 */
package io.segmentflow.history;
