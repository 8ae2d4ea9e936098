package io.segmentflow.cluster;

import io.segmentflow.model.FeatureMatrix;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

import java.util.ArrayList;
import java.util.List;

/** Converts feature rows into Weka's Instances: numeric attributes, one instance per customer. */
final class WekaInstances {
    static {
        WekaEnvironment.prepare();
    }

    private WekaInstances() {
    }

    static Instances of(FeatureMatrix m) {
        return of(m.toArray(), m.cols(), null, m.featureNames());
    }

    /**
     * The given rows of a flat row-major array (all rows if {@code rows} is null). Each instance
     * gets its own small array, which is what DenseInstance keeps; nothing else is copied.
     */
    static Instances of(double[] values, int d, int[] rows, List<String> featureNames) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        featureNames.forEach(name -> attributes.add(new Attribute(name)));
        int n = rows == null ? values.length / d : rows.length;
        Instances data = new Instances("customers", attributes, n);
        for (int i = 0; i < n; i++) {
            int row = rows == null ? i : rows[i];
            double[] instance = new double[d];
            System.arraycopy(values, row * d, instance, 0, d);
            data.add(new DenseInstance(1.0, instance));
        }
        return data;
    }
}
