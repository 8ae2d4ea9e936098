/**
 * The only package that imports {@code weka.*}. Scaled feature matrix in, {@link
 * io.segmentflow.model.Segmentation} out: Weka's SimpleKMeans with k-means++ and several seeded
 * restarts (lowest SSE wins), Weka's own normalisation switched off because features are scaled
 * once, upstream. Segments are renumbered by descending size so that the same input and settings
 * always give the same numbering. Above {@code segmentation.cluster.sample-size} customers,
 * SimpleKMeans is fitted on a seeded sample and its centroids are refined by Lloyd iterations on
 * everyone ({@link io.segmentflow.cluster.LloydRefinement}); the summary states it.
 */
package io.segmentflow.cluster;
