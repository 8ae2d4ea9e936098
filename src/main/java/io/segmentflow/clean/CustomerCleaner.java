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
        List<String> nonNegative = settings.nonNegativeColumns().stream().filter(table.numericNames()::contains).toList();
        // Column by column first (plain loops the JIT compiles at once), remembering per row the first
        // rule it breaks; null while no row breaks any.
        int[] firstNegative = null; // 1 + index into nonNegative; 0 = none
        for (int j = 0; j < nonNegative.size(); j++) {
            double[] column = table.numeric().get(nonNegative.get(j)); // read only
            for (int i = 0; i < column.length; i++) {
                if (column[i] < 0) {
                    if (firstNegative == null) firstNegative = new int[column.length];
                    if (firstNegative[i] == 0) firstNegative[i] = j + 1;
                }
            }
        }
        int[] earlier = FirstOccurrence.earlierRows(table.customerIds(), firstNegative);
        int[] kept = new int[table.rows()];
        int count = 0;
        for (int i = 0; i < table.rows(); i++) {
            if (firstNegative != null && firstNegative[i] != 0) {
                String column = nonNegative.get(firstNegative[i] - 1);
                rejected.add(new RejectedRow(table.sourceLine(i), table.customerId(i), RejectReason.NEGATIVE_VALUE,
                        column + " is negative (" + plain(table.numeric().get(column)[i]) + ")", table.rowAsText(i)));
                continue;
            }
            int firstRow = earlier[i];
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
        // Columns are independent: filled side by side (a million-row median is a few passes), kept in order.
        List<Filled> columns = names.parallelStream()
                .map(name -> fill(name, dates ? table.dates().get(name) : table.numeric().get(name), dates)) // read only
                .toList();
        Map<String, double[]> out = new LinkedHashMap<>();
        for (Filled c : columns) {
            if (c.missing() == table.rows()) {
                throw new InputRejectedException("column '" + c.name() + "' has no values");
            }
            filled.put(c.name(), c.missing());
            if (c.missing() > 0) fillValues.put(c.name(), c.fill());
            out.put(c.name(), c.column());
        }
        return out;
    }

    private record Filled(String name, double[] column, int missing, double fill) {
    }

    /**
     * @param read read only: a complete column is kept as it is, with no fill value worked out (a
     *             median of a million values is most of the cleaning's time); an incomplete one is
     *             filled in a copy; a column with no value at all comes back as it is (the caller rejects it)
     */
    private Filled fill(String name, double[] read, boolean date) {
        int missing = missing(read);
        if (missing == 0 || missing == read.length) return new Filled(name, read, missing, Double.NaN);
        double fill = settings.imputation().equals("mean") ? meanOfPresent(read) : Median.ofPresent(read);
        if (date) fill = Math.round(fill); // a date is a whole day
        double[] column = read;
        if (missing > 0) {
            column = read.clone();
            for (int i = 0; i < column.length; i++) {
                if (Double.isNaN(column[i])) column[i] = fill;
            }
        }
        return new Filled(name, column, missing, fill);
    }

    private static int missing(double[] column) {
        int count = 0;
        for (double v : column) if (Double.isNaN(v)) count++;
        return count;
    }

    static double meanOfPresent(double[] values) {
        double sum = 0;
        int count = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                count++;
            }
        }
        return sum / count;
    }

    private static String plain(double v) {
        return java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }
}
