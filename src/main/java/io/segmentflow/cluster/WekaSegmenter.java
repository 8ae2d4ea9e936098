package io.segmentflow.cluster;

import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Segmentation;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import weka.clusterers.Canopy;
import weka.clusterers.Clusterer;
import weka.clusterers.EM;
import weka.clusterers.FarthestFirst;
import weka.clusterers.HierarchicalClusterer;
import weka.core.EuclideanDistance;
import weka.core.Instances;
import weka.core.Randomizable;
import weka.core.SelectedTag;
import weka.core.Tag;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Weka's other clusterers with the same outputs as k-means: EM (a Gaussian mixture; k = -1 lets it
 * choose k by cross-validation), FarthestFirst, Canopy (k = -1 lets it choose) and agglomerative
 * hierarchical clustering with Ward linkage (every pair of customers: limited in population).
 * Each customer's segment is the clusterer's answer; centroids are the segments' means in scaled
 * units, so distances, SSE and profiles mean the same as for k-means.
 */
public final class WekaSegmenter {
    private static final Logger LOG = LoggerFactory.getLogger(WekaSegmenter.class);
    public static final List<String> ALGORITHMS = List.of("em", "farthest-first", "canopy", "hierarchical");

    static {
        WekaEnvironment.prepare();
    }

    private final String algorithm;
    private final ClusteringSettings settings;
    private final int hierarchicalLimit;

    /** @param hierarchicalLimit the largest population hierarchical clustering accepts (it compares every pair) */
    public WekaSegmenter(String algorithm, ClusteringSettings settings, int hierarchicalLimit) {
        if (!ALGORITHMS.contains(algorithm)) {
            throw new IllegalArgumentException("unknown algorithm " + algorithm + "; use k-means or one of " + ALGORITHMS);
        }
        this.algorithm = algorithm;
        this.settings = settings;
        this.hierarchicalLimit = hierarchicalLimit;
    }

    public SegmentationRun cluster(SegmentationRun run) {
        long t0 = System.nanoTime();
        Segmentation result = segment(run.scaled());
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Clustered {} customers of {} with {} into {} segments: SSE {} in {} ms", run.scaled().rows(),
                run.request().inputName(), algorithm, result.k(), String.format(Locale.ROOT, "%.4f", result.sse()), ms);
        return run.withSegmentation(result, ms);
    }

    public Segmentation segment(FeatureMatrix scaled) {
        if (algorithm.equals("hierarchical") && scaled.rows() > hierarchicalLimit) {
            throw new InputRejectedException("hierarchical clustering compares every pair of customers and is limited to "
                    + String.format(Locale.ROOT, "%,d", hierarchicalLimit) + " (segmentation.cluster.hierarchical-limit); this input has "
                    + String.format(Locale.ROOT, "%,d", scaled.rows()) + ". Use k-means for larger populations.");
        }
        Instances data = WekaInstances.of(scaled);
        int[] labels = new int[scaled.rows()];
        try {
            Clusterer clusterer = configured();
            clusterer.buildClusterer(data);
            for (int i = 0; i < labels.length; i++) labels[i] = clusterer.clusterInstance(data.instance(i));
        } catch (Exception e) {
            throw new IllegalStateException("Weka " + algorithm + " failed: " + e.getMessage(), e);
        }
        return LabelledSegmentation.of(labels, scaled, settings, clustererName(), 0, settings.seed());
    }

    private Clusterer configured() throws Exception {
        int k = settings.k();
        return switch (algorithm) {
            case "em" -> {
                EM em = new EM();
                em.setNumClusters(k);
                em.setMaxIterations(settings.maxIterations());
                em.setNumExecutionSlots(settings.executionSlots());
                yield seeded(em);
            }
            case "farthest-first" -> {
                FarthestFirst ff = new FarthestFirst();
                ff.setNumClusters(k);
                yield seeded(ff);
            }
            case "canopy" -> {
                Canopy canopy = new Canopy();
                canopy.setNumClusters(k);
                yield seeded(canopy);
            }
            default -> {
                HierarchicalClusterer h = new HierarchicalClusterer();
                h.setNumClusters(k);
                EuclideanDistance distance = new EuclideanDistance();
                distance.setDontNormalize(true); // features are scaled upstream
                h.setDistanceFunction(distance);
                h.setLinkType(new SelectedTag(ward(), HierarchicalClusterer.TAGS_LINK_TYPE));
                yield h;
            }
        };
    }

    private <T extends Clusterer & Randomizable> T seeded(T clusterer) {
        clusterer.setSeed((int) settings.seed());
        return clusterer;
    }

    private static int ward() {
        return Arrays.stream(HierarchicalClusterer.TAGS_LINK_TYPE).filter(t -> t.getReadable().equals("WARD"))
                .mapToInt(Tag::getID).findFirst().orElseThrow();
    }

    /** The configuration key of a clusterer class name, or null for SimpleKMeans. */
    static String keyOf(String className) {
        if (className.equals(EM.class.getName())) return "em";
        if (className.equals(FarthestFirst.class.getName())) return "farthest-first";
        if (className.equals(Canopy.class.getName())) return "canopy";
        if (className.equals(HierarchicalClusterer.class.getName())) return "hierarchical";
        return null;
    }

    private String clustererName() {
        return switch (algorithm) {
            case "em" -> EM.class.getName();
            case "farthest-first" -> FarthestFirst.class.getName();
            case "canopy" -> Canopy.class.getName();
            default -> HierarchicalClusterer.class.getName();
        };
    }
}
