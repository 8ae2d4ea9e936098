package io.segmentflow.history;

import java.util.Arrays;

/**
 * The assignment of rows to columns with the least total cost (Kuhn-Munkres, the Hungarian method,
 * in the O(n^2 m) potentials form). Written here because the libraries that have it are far larger
 * than these sixty lines and Commons Math does not; {@code HungarianAssignmentTest} checks it
 * against every permutation.
 */
final class HungarianAssignment {
    private HungarianAssignment() {
    }

    /**
     * @param cost rows x columns, finite; rows may outnumber columns and the other way round
     * @return for each row the column it is assigned to, or -1 when there are more rows than columns
     */
    static int[] solve(double[][] cost) {
        int rows = cost.length;
        if (rows == 0) return new int[0];
        int cols = cost[0].length;
        boolean transposed = rows > cols;
        double[][] a = transposed ? transpose(cost) : cost;
        int n = a.length, m = a[0].length; // n <= m
        double[] u = new double[n + 1], v = new double[m + 1];
        int[] p = new int[m + 1], way = new int[m + 1]; // p[j] = row (1-based) matched to column j
        for (int i = 1; i <= n; i++) {
            p[0] = i;
            int j0 = 0;
            double[] minv = new double[m + 1];
            Arrays.fill(minv, Double.POSITIVE_INFINITY);
            boolean[] used = new boolean[m + 1];
            do {
                used[j0] = true;
                int i0 = p[j0], j1 = 0;
                double delta = Double.POSITIVE_INFINITY;
                for (int j = 1; j <= m; j++) {
                    if (used[j]) continue;
                    double cur = a[i0 - 1][j - 1] - u[i0] - v[j];
                    if (cur < minv[j]) {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if (minv[j] < delta) {
                        delta = minv[j];
                        j1 = j;
                    }
                }
                for (int j = 0; j <= m; j++) {
                    if (used[j]) {
                        u[p[j]] += delta;
                        v[j] -= delta;
                    } else {
                        minv[j] -= delta;
                    }
                }
                j0 = j1;
            } while (p[j0] != 0);
            do {
                int j1 = way[j0];
                p[j0] = p[j1];
                j0 = j1;
            } while (j0 != 0);
        }
        int[] rowToCol = new int[n];
        Arrays.fill(rowToCol, -1);
        for (int j = 1; j <= m; j++) if (p[j] != 0) rowToCol[p[j] - 1] = j - 1;
        if (!transposed) return rowToCol;
        int[] out = new int[rows];
        Arrays.fill(out, -1);
        for (int i = 0; i < n; i++) if (rowToCol[i] >= 0) out[rowToCol[i]] = i;
        return out;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) t[j][i] = a[i][j];
        return t;
    }
}
