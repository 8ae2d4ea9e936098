package io.segmentflow.cluster;

import io.segmentflow.model.FeatureMatrix;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.Instances;

import java.util.ArrayList;

/** Converts a feature matrix into Weka's Instances: numeric attributes, one instance per customer. */
final class WekaInstances {
    private WekaInstances() {
    }

    static Instances of(FeatureMatrix m) {
        ArrayList<Attribute> attributes = new ArrayList<>();
        m.featureNames().forEach(name -> attributes.add(new Attribute(name)));
        Instances data = new Instances("customers", attributes, m.rows());
        double[] values = m.toArray();
        int d = m.cols();
        for (int i = 0; i < m.rows(); i++) {
            double[] row = new double[d];
            System.arraycopy(values, i * d, row, 0, d);
            data.add(new DenseInstance(1.0, row));
        }
        return data;
    }
}
