package io.segmentflow.clean;

import io.segmentflow.model.CustomerTable;
import io.segmentflow.model.Imputation;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Median;
import io.segmentflow.model.Quarantine;
import io.segmentflow.model.RejectReason;
import io.segmentflow.model.RejectedRow;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Quarantines rows that break a rule, then fills missing values. */
public final class CustomerCleaner {
    private static final Logger LOG = LoggerFactory.getLogger(CustomerCleaner.class);

    private final CleaningSettings settings;

    public CustomerCleaner(CleaningSettings settings) {
        this.settings = settings;
    }

    public SegmentationRun clean(SegmentationRun run) {
        long t0 = System.nanoTime();
        CustomerTable table = run.table();
        List<RejectedRow> rejected = new ArrayList<>();
        int[] kept = keptRows(table, rejected);
        Quarantine quarantine = run.quarantine().plus(rejected);
        checkQuarantinedShare(run.rowsRead(), quarantine);
        CustomerTable usable = kept.length == table.rows() ? table : table.select(kept);

        Map<String, Integer> filled = new LinkedHashMap<>();
        Map<String, Double> fillValues = new LinkedHashMap<>();
        Map<String, double[]> numeric = impute(usable, usable.numericNames(), false, filled, fillValues);
        Map<String, double[]> dates = impute(usable, usable.dateNames(), true, filled, fillValues);
        CustomerTable cleaned = usable.withColumns(numeric, dates);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Cleaned {}: {} usable, {} quarantined in all, {} missing values filled ({})", run.request().inputName(),
                cleaned.rows(), quarantine.size(), filled.values().stream().mapToInt(Integer::intValue).sum(),
                settings.imputation());
        return run.cleaned(cleaned, quarantine, new Imputation(settings.imputation(), filled, fillValues), List.of(), ms);
    }

    private int[] keptRows(CustomerTable table, List<RejectedRow> rejected) {
        List<double[]> nonNegative = new ArrayList<>();
        for (String column : settings.nonNegativeColumns()) {
            if (table.numericNames().contains(column)) nonNegative.add(table.numeric().get(column)); // read only
        }
        List<String> nonNegativeNames = settings.nonNegativeColumns().stream().filter(table.numericNames()::contains).toList();
        FirstOccurrence firstOfId = new FirstOccurrence(table.customerIds());
        int[] kept = new int[table.rows()];
        int count = 0;
        rows:
        for (int i = 0; i < table.rows(); i++) {
            for (int j = 0; j < nonNegative.size(); j++) {
                double v = nonNegative.get(j)[i];
                if (v < 0) {
                    rejected.add(new RejectedRow(table.sourceLine(i), table.customerId(i), RejectReason.NEGATIVE_VALUE,
                            nonNegativeNames.get(j) + " is negative (" + plain(v) + ")", table.rowAsText(i)));
                    continue rows;
                }
            }
            int firstRow = firstOfId.firstRowOrAdd(i);
            if (firstRow >= 0) {
                long first = table.sourceLine(firstRow);
                if (settings.duplicatePolicy().equals("reject-file")) {
                    throw new InputRejectedException("customer id '" + table.customerId(i) + "' appears on line " + first
                            + " and again on line " + table.sourceLine(i) + " (segmentation.clean.duplicates=reject-file)");
                }
                rejected.add(new RejectedRow(table.sourceLine(i), table.customerId(i), RejectReason.DUPLICATE_CUSTOMER_ID,
                        "duplicate of customer id on line " + first + " (the first is kept)", table.rowAsText(i)));
                continue;
            }
            kept[count++] = i;
        }
        return java.util.Arrays.copyOf(kept, count);
    }

    private void checkQuarantinedShare(long rowsRead, Quarantine quarantine) {
        double share = rowsRead == 0 ? 0 : (double) quarantine.size() / rowsRead;
        if (share > settings.maxQuarantinedShare()) {
            RejectedRow first = quarantine.rows().get(0);
            throw new InputRejectedException(String.format(Locale.ROOT,
                    "%d of %d rows (%.0f%%) cannot be used, more than segmentation.clean.max-quarantined-share=%s allows;"
                            + " the first, line %d: %s", quarantine.size(), rowsRead, share * 100,
                    plain(settings.maxQuarantinedShare()), first.sourceLine(), first.detail()));
        }
        if (rowsRead > 0 && quarantine.size() == rowsRead) {
            throw new InputRejectedException("no row can be used; the first, line " + quarantine.rows().get(0).sourceLine()
                    + ": " + quarantine.rows().get(0).detail());
        }
    }

    private Map<String, double[]> impute(CustomerTable table, List<String> names, boolean dates,
                                         Map<String, Integer> filled, Map<String, Double> fillValues) {
        Map<String, double[]> out = new LinkedHashMap<>();
        for (String name : names) {
            double[] read = dates ? table.dates().get(name) : table.numeric().get(name); // read only
            double[] present = present(read); // one exact-size copy, which the median may reorder
            if (present.length == 0) {
                throw new InputRejectedException("column '" + name + "' has no values");
            }
            double fill = settings.imputation().equals("mean") ? mean(present) : Median.ofOwned(present, present.length);
            if (dates) fill = Math.round(fill); // a date is a whole day
            int missing = read.length - present.length;
            double[] column = read;
            if (missing > 0) { // a filled copy; a complete column is kept as it is
                column = read.clone();
                for (int i = 0; i < column.length; i++) {
                    if (Double.isNaN(column[i])) column[i] = fill;
                }
            }
            filled.put(name, missing);
            fillValues.put(name, fill);
            out.put(name, column);
        }
        return out;
    }

    /** The values that are not missing (NaN), in order. */
    private static double[] present(double[] column) {
        int count = 0;
        for (double v : column) if (!Double.isNaN(v)) count++;
        double[] out = new double[count];
        int i = 0;
        for (double v : column) if (!Double.isNaN(v)) out[i++] = v;
        return out;
    }

    static double mean(double[] values) {
        double sum = 0;
        for (double v : values) sum += v;
        return sum / values.length;
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
