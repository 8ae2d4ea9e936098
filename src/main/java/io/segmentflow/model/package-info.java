/**
 * Value types every stage shares: the columnar customer table, the quarantine, the feature matrix,
 * the fitted scaler, the segmentation, segment profiles and the run that carries them between
 * routes, and the few helpers stages share (medians, seeded samples, removing folders). No Camel,
 * Weka or JFreeChart imports here; records validate and copy what they are given.
 */
package io.segmentflow.model;
