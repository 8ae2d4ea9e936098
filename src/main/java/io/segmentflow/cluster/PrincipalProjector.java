package io.segmentflow.cluster;

import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.Projection;
import io.segmentflow.model.SegmentationRun;
import weka.core.matrix.EigenvalueDecomposition;
import weka.core.matrix.Matrix;

import java.util.Arrays;

/**
 * Principal components of the scaled features for the report's scatter plot: the covariance
 * matrix in one pass over the customers, then Weka's eigen-decomposition of that d x d matrix,
 * so a million customers cost one pass, not a copy into Weka's data structures.
 */
public final class PrincipalProjector {

    static {
        WekaEnvironment.prepare();
    }

    public SegmentationRun project(SegmentationRun run) {
        return run.withProjection(project(run.scaled()));
    }

    public Projection project(FeatureMatrix scaled) {
        int d = scaled.cols();
        int n = scaled.rows();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) mean[j] += scaled.value(i, j);
        }
        for (int j = 0; j < d; j++) mean[j] /= n;
        double[][] covariance = new double[d][d];
        double[] centred = new double[d];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < d; j++) centred[j] = scaled.value(i, j) - mean[j];
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) covariance[a][b] += centred[a] * centred[b];
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                covariance[a][b] /= n;
                covariance[b][a] = covariance[a][b];
            }
        }
        if (d == 1) {
            return new Projection(scaled.featureNames(), mean, new double[][] {{1}, {0}}, new double[] {1, 0});
        }
        EigenvalueDecomposition eig = new Matrix(covariance).eig();
        double[] values = eig.getRealEigenvalues();
        double[][] vectors = eig.getV().getArray();
        Integer[] order = new Integer[d];
        for (int j = 0; j < d; j++) order[j] = j;
        Arrays.sort(order, (a, b) -> Double.compare(values[b], values[a]));
        double total = Arrays.stream(values).map(v -> Math.max(v, 0)).sum();
        double[][] components = new double[2][d];
        double[] explained = new double[2];
        for (int c = 0; c < 2; c++) {
            int column = order[c];
            double sign = 0;
            for (int j = 0; j < d; j++) {
                components[c][j] = vectors[j][column];
                if (sign == 0 && Math.abs(vectors[j][column]) > 1e-12) sign = Math.signum(vectors[j][column]);
            }
            // An eigenvector's sign is arbitrary; fix it so the same data always gives the same picture.
            for (int j = 0; j < d; j++) components[c][j] *= sign == 0 ? 1 : sign;
            explained[c] = total == 0 ? 0 : Math.max(values[column], 0) / total;
        }
        return new Projection(scaled.featureNames(), mean, components, explained);
    }
}
