/**
 * Segmentation to segment profiles: size, share, mean and median of every feature in original
 * units, centroid z-scores, the few features that most set each segment apart, a name chosen by
 * configurable RFM-style rules (unique within a run) and the recommendation configured for it.
 */
package io.segmentflow.profile;
