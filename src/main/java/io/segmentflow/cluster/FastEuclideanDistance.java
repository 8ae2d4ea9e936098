package io.segmentflow.cluster;

import weka.core.DenseInstance;
import weka.core.EuclideanDistance;
import weka.core.Instance;
import weka.core.neighboursearch.PerformanceStats;

/**
 * Weka's Euclidean distance without normalisation, as a tight loop over dense numeric values.
 * SimpleKMeans accepts subclasses of EuclideanDistance. The general path (sparse instances,
 * normalisation, a class attribute) is left to Weka; ours never needs it, since the features are
 * scaled upstream, dense and complete. Same arithmetic as Weka's: the sum of squared differences in
 * attribute order, given up (infinity) as soon as it passes the cut-off.
 */
final class FastEuclideanDistance extends EuclideanDistance {
    private static final long serialVersionUID = 1L;

    FastEuclideanDistance() {
        setDontNormalize(true);
    }

    @Override
    public double distance(Instance first, Instance second, double cutOffValue, PerformanceStats stats) {
        if (!(first instanceof DenseInstance) || !(second instanceof DenseInstance) || !getDontNormalize()
                || m_Data == null || m_Data.classIndex() >= 0) {
            return super.distance(first, second, cutOffValue, stats);
        }
        int d = first.numAttributes();
        double sum = 0;
        for (int j = 0; j < d; j++) {
            double diff = first.value(j) - second.value(j);
            sum += diff * diff;
            if (sum > cutOffValue) return Double.POSITIVE_INFINITY;
        }
        return sum;
    }
}
