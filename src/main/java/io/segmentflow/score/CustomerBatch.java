package io.segmentflow.score;

import java.util.List;
import java.util.Map;

/**
 * Customers to score, columnar: ids, numeric columns and date columns (epoch days) by name.
 *
 * @param customerIds one per customer
 * @param numeric     column name -> one value per customer
 * @param dates       column name -> one epoch day per customer
 */
public record CustomerBatch(List<String> customerIds, Map<String, double[]> numeric, Map<String, double[]> dates) {
    public CustomerBatch {
        customerIds = List.copyOf(customerIds);
        numeric = Map.copyOf(numeric);
        dates = Map.copyOf(dates);
    }

    public int size() {
        return customerIds.size();
    }
}
