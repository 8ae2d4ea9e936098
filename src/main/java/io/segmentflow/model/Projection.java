package io.segmentflow.model;

import java.util.List;

/**
 * The first two principal components of the scaled features: a flat picture of the customers.
 *
 * @param features        the scaled features, in matrix column order
 * @param mean            the mean of each scaled feature (the projection is centred)
 * @param components      two unit vectors of length d, the directions of most variance
 * @param explainedShare  the share of total variance each component explains, 0..1
 */
public record Projection(List<String> features, double[] mean, double[][] components, double[] explainedShare) {
    public Projection {
        features = List.copyOf(features);
        if (components.length != 2 || explainedShare.length != 2 || mean.length != features.size()) {
            throw new IllegalArgumentException("a projection has two components over " + features.size() + " features");
        }
        mean = mean.clone();
        components = new double[][] {components[0].clone(), components[1].clone()};
        explainedShare = explainedShare.clone();
    }

    /** Coordinates of one scaled row on the two components. */
    public double[] project(double[] scaledRow) {
        double x = 0, y = 0;
        for (int j = 0; j < mean.length; j++) {
            double centred = scaledRow[j] - mean[j];
            x += centred * components[0][j];
            y += centred * components[1][j];
        }
        return new double[] {x, y};
    }

    public double explainedShare(int component) {
        return explainedShare[component];
    }
}
