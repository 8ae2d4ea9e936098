package io.segmentflow.history;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class HungarianAssignmentTest {

    /** A greedy choice (row 0 takes its cheapest column) would cost 1 + 100; the optimum costs 2 + 3. */
    @Test
    void findsTheOptimumWhereGreedyFails() {
        double[][] cost = {{1, 2}, {3, 100}};
        assertArrayEquals(new int[]{1, 0}, HungarianAssignment.solve(cost));
    }

    @Test
    void equalsTheBestPermutationOnSeededRandomSquareMatrices() {
        Random random = new Random(7);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(6);
            double[][] cost = random(random, n, n);
            assertEquals(bruteForce(cost), total(cost, HungarianAssignment.solve(cost)), 1e-9, "trial " + trial);
        }
    }

    @Test
    void leavesSurplusRowsUnassignedAndStillFindsTheOptimum() {
        Random random = new Random(11);
        for (int trial = 0; trial < 100; trial++) {
            int rows = 2 + random.nextInt(5), cols = 1 + random.nextInt(rows - 1);
            double[][] cost = random(random, rows, cols);
            int[] assignment = HungarianAssignment.solve(cost);
            assertEquals(rows - cols, java.util.Arrays.stream(assignment).filter(c -> c < 0).count());
            assertEquals(bruteForceRectangular(cost), total(cost, assignment), 1e-9, "trial " + trial);
            // and the other way round: more columns than rows
            double[][] wide = transpose(cost);
            assertEquals(bruteForceRectangular(cost), total(wide, HungarianAssignment.solve(wide)), 1e-9);
        }
    }

    private static double[][] random(Random random, int rows, int cols) {
        double[][] c = new double[rows][cols];
        for (double[] row : c) for (int j = 0; j < cols; j++) row[j] = random.nextInt(50) / 7.0;
        return c;
    }

    private static double total(double[][] cost, int[] assignment) {
        double sum = 0;
        for (int i = 0; i < assignment.length; i++) if (assignment[i] >= 0) sum += cost[i][assignment[i]];
        return sum;
    }

    private static double bruteForce(double[][] cost) {
        return best(cost, 0, new boolean[cost[0].length], cost.length);
    }

    /** The cheapest way to give each column one distinct row (rows >= columns). */
    private static double bruteForceRectangular(double[][] cost) {
        return best(transpose(cost), 0, new boolean[cost.length], cost[0].length);
    }

    private static double best(double[][] cost, int row, boolean[] used, int rows) {
        if (row == rows) return 0;
        double best = Double.POSITIVE_INFINITY;
        for (int j = 0; j < used.length; j++) {
            if (used[j]) continue;
            used[j] = true;
            best = Math.min(best, cost[row][j] + best(cost, row + 1, used, rows));
            used[j] = false;
        }
        return best;
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) for (int j = 0; j < a[0].length; j++) t[j][i] = a[i][j];
        return t;
    }
}
