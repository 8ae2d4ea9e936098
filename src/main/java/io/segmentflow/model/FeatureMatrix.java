package io.segmentflow.model;

import java.util.List;

/**
 * n customers by d features, row-major in one flat array so a million rows stay one allocation.
 * The matrix keeps the arrays it is given rather than copies (at ten million customers every copy
 * is hundreds of megabytes): no stage writes into a matrix's arrays; a stage derives a new matrix.
 *
 * @param customerIds  one id per row
 * @param featureNames one name per column
 * @param values       row-major, {@code values[row * d + column]}; every value finite
 */
public record FeatureMatrix(CustomerIds customerIds, List<String> featureNames, double[] values) {

    public FeatureMatrix {
        featureNames = List.copyOf(featureNames);
        if ((long) customerIds.size() * featureNames.size() != values.length) {
            throw new IllegalArgumentException(values.length + " values do not make " + customerIds.size()
                    + " rows of " + featureNames.size() + " features");
        }
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                throw new IllegalArgumentException("feature " + featureNames.get(i % featureNames.size())
                        + " of customer " + customerIds.get(i / featureNames.size()) + " is " + values[i]);
            }
        }
    }

    /** A matrix of a few ids given as Strings (tests, scoring requests). */
    public FeatureMatrix(String[] customerIds, List<String> featureNames, double[] values) {
        this(CustomerIds.of(customerIds), featureNames, values);
    }

    public int rows() {
        return customerIds.size();
    }

    public int cols() {
        return featureNames.size();
    }

    public double value(int row, int col) {
        return values[row * featureNames.size() + col];
    }

    public String customerId(int row) {
        return customerIds.get(row);
    }

    /** A copy of one row. */
    public double[] row(int row) {
        int d = cols();
        double[] out = new double[d];
        System.arraycopy(values, row * d, out, 0, d);
        return out;
    }

    /** A copy of one column. */
    public double[] column(int col) {
        int d = cols();
        double[] out = new double[rows()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i * d + col];
        }
        return out;
    }

    /** The rows at the given positions, in that order (a position may repeat, as in a bootstrap resample). */
    public FeatureMatrix select(int[] rows) {
        int d = cols();
        double[] out = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(values, rows[i] * d, out, i * d, d);
        }
        return new FeatureMatrix(customerIds.select(rows), featureNames, out);
    }

    /** A copy of all values, row-major; for the clusterer, which needs them in bulk. */
    public double[] toArray() {
        return values.clone();
    }
}
