package io.segmentflow.score;

import io.segmentflow.features.FeatureSettings;
import io.segmentflow.history.LoadedModel;
import io.segmentflow.model.SavedModel;
import io.segmentflow.model.Scaler;

import java.util.List;

/**
 * A saved model ready to score: the same features as the run (recency against the run's reference
 * date), the run's scaler, then the nearest centroid, in primitive loops so a batch scores at
 * millions of customers per second. Immutable, so requests share one instance.
 */
public final class ScoringModel {
    private final SavedModel model;
    private final Scaler scaler;
    private final double[] centroids; // k x d, row-major
    private final int k, d;
    private final int[] ids;
    private final String[] names;
    private final double referenceDay;

    public ScoringModel(LoadedModel loaded) {
        this.model = loaded.model();
        this.scaler = model.scaler();
        this.k = model.k();
        this.d = model.features().size();
        double[][] c = loaded.clusterer().centroids();
        this.centroids = new double[k * d];
        for (int s = 0; s < k; s++) System.arraycopy(c[s], 0, centroids, s * d, d);
        this.ids = model.segments().stream().mapToInt(p -> p.id()).toArray();
        this.names = model.segments().stream().map(p -> p.name()).toArray(String[]::new);
        this.referenceDay = model.referenceDate() == null ? Double.NaN : model.referenceDate().toEpochDay();
    }

    public SavedModel model() {
        return model;
    }

    /** The input columns a customer needs for this model: the numeric features and the recency date column. */
    public List<String> neededColumns() {
        return model.features().stream().map(f -> f.equals(FeatureSettings.RECENCY) ? model.recencyFrom() : f).toList();
    }

    /**
     * Scores every customer of a batch. A date after the model's reference date counts as recency 0:
     * the customer bought on (or after) the newest day the model knows.
     */
    public Score[] score(CustomerBatch batch) {
        int n = batch.size();
        double[][] columns = new double[d][];
        boolean[] recency = new boolean[d];
        for (int j = 0; j < d; j++) {
            String feature = model.features().get(j);
            recency[j] = feature.equals(FeatureSettings.RECENCY);
            columns[j] = recency[j] ? batch.dates().get(model.recencyFrom()) : batch.numeric().get(feature);
            if (columns[j] == null) {
                throw new IllegalArgumentException("the customers have no column " + (recency[j] ? model.recencyFrom() : feature));
            }
        }
        Score[] out = new Score[n];
        double[] row = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) {
                double x = recency[j] ? Math.max(0, referenceDay - columns[j][i]) : columns[j][i];
                row[j] = scaler.apply(j, x);
            }
            int best = 0;
            double bestSq = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                double sq = 0;
                int at = c * d;
                for (int j = 0; j < d; j++) {
                    double diff = row[j] - centroids[at + j];
                    sq += diff * diff;
                }
                if (sq < bestSq) {
                    bestSq = sq;
                    best = c;
                }
            }
            out[i] = new Score(batch.customerIds().get(i), ids[best], names[best], Math.sqrt(bestSq));
        }
        return out;
    }
}
