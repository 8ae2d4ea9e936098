package io.segmentflow.ingest.source;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Turns transaction rows into one row per customer (RFM and friends), over primitive arrays only:
 * last and first order day, frequency (distinct orders), monetary (sum of quantity x price),
 * average order value and the number of items. Cancellation rows that the profile nets are
 * subtracted from monetary and items but are not orders.
 */
public final class TransactionAggregator {

    /**
     * Parsed transaction rows, columnar. Customers and invoices are dictionary codes.
     *
     * @param rows      how many rows the arrays hold (they may be longer)
     * @param customer  customer code per row
     * @param invoice   invoice code per row
     * @param quantity  items per row
     * @param price     price per item
     * @param day       epoch day of the order
     * @param cancelled true for rows that are cancellations or returns, netted against the customer
     */
    public record Transactions(int rows, int[] customer, int[] invoice, double[] quantity, double[] price, int[] day,
                               boolean[] cancelled) {
    }

    /** Per customer, indexed by customer code; NaN days for a customer without orders. */
    public record PerCustomer(int[] orders, double[] monetary, double[] items, double[] firstDay, double[] lastDay) {
        public double averageOrderValue(int c) {
            return orders[c] == 0 ? Double.NaN : monetary[c] / orders[c];
        }
    }

    public PerCustomer aggregate(Transactions tx, int customers, int invoices) {
        int[] orders = new int[customers];
        double[] monetary = new double[customers];
        double[] items = new double[customers];
        double[] first = new double[customers];
        double[] last = new double[customers];
        Arrays.fill(first, Double.NaN);
        Arrays.fill(last, Double.NaN);
        // An invoice belongs to one customer in any sane export: remember its owner, and fall back
        // to a set of (customer, invoice) pairs only for an invoice that two customers share.
        int[] owner = new int[invoices];
        Arrays.fill(owner, -1);
        Set<Long> sharedInvoices = null;
        for (int i = 0; i < tx.rows(); i++) {
            int c = tx.customer()[i];
            double amount = tx.quantity()[i] * tx.price()[i];
            monetary[c] += amount;
            items[c] += tx.quantity()[i];
            if (tx.cancelled()[i]) continue;
            double d = tx.day()[i];
            if (!(first[c] <= d)) first[c] = d; // also true when first[c] is NaN
            if (!(last[c] >= d)) last[c] = d;
            int inv = tx.invoice()[i];
            if (owner[inv] == -1) {
                owner[inv] = c;
                orders[c]++;
            } else if (owner[inv] != c) {
                if (sharedInvoices == null) sharedInvoices = new HashSet<>();
                if (sharedInvoices.add(((long) inv << 32) | c)) orders[c]++;
            }
        }
        return new PerCustomer(orders, monetary, items, first, last);
    }
}
