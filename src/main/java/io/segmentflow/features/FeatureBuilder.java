package io.segmentflow.features;

import io.segmentflow.model.CustomerTable;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Quarantine;
import io.segmentflow.model.RejectReason;
import io.segmentflow.model.RejectedRow;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** Builds the feature matrix: input columns as they are, recency in days from a reference date. */
public final class FeatureBuilder {
    private static final Logger LOG = LoggerFactory.getLogger(FeatureBuilder.class);

    private final FeatureSettings settings;
    private final Clock clock;

    public FeatureBuilder(FeatureSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
    }

    public SegmentationRun build(SegmentationRun run) {
        long t0 = System.nanoTime();
        CustomerTable table = run.table();
        Quarantine quarantine = run.quarantine();
        LocalDate reference = null;
        if (settings.features().contains(FeatureSettings.RECENCY)) {
            if (!table.dateNames().contains(settings.recencySource())) {
                throw new InputRejectedException("recency needs the date column '" + settings.recencySource()
                        + "' (segmentation.features.recency-from), which the input schema does not have");
            }
            reference = referenceDate(table.dates().get(settings.recencySource())); // read only
            List<RejectedRow> future = new ArrayList<>();
            table = dropDatesAfter(table, reference, future);
            quarantine = quarantine.plus(future);
        }
        int n = table.rows();
        int d = settings.features().size();
        double[] values = new double[n * d];
        for (int j = 0; j < d; j++) fill(values, j, d, table, settings.features().get(j), reference);
        FeatureMatrix matrix = new FeatureMatrix(table.customerIds(), settings.features(), values);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Features for {}: {} x {} {}{}", run.request().inputName(), n, d, settings.features(),
                reference == null ? "" : ", recency against " + reference);
        return run.withFeatures(reference, table, quarantine, matrix, ms);
    }

    /** Column j of the row-major values; the table's columns are read in place, not copied. */
    private void fill(double[] values, int j, int d, CustomerTable table, String feature, LocalDate reference) {
        if (feature.equals(FeatureSettings.RECENCY)) {
            double[] dates = table.dates().get(settings.recencySource()); // read only
            double ref = reference.toEpochDay();
            for (int i = 0; i < dates.length; i++) values[i * d + j] = ref - dates[i];
            return;
        }
        if (!table.numericNames().contains(feature)) {
            throw new InputRejectedException("feature '" + feature + "' (segmentation.features.columns) is not a numeric column;"
                    + " numeric columns: " + String.join(", ", table.numericNames()));
        }
        double[] column = table.numeric().get(feature); // read only
        for (int i = 0; i < column.length; i++) values[i * d + j] = column[i];
    }

    private LocalDate referenceDate(double[] epochDays) {
        return switch (settings.referenceDate()) {
            case "newest" -> {
                double newest = Double.NEGATIVE_INFINITY;
                for (double d : epochDays) newest = Math.max(newest, d);
                yield LocalDate.ofEpochDay((long) newest);
            }
            case "today" -> LocalDate.now(clock);
            default -> LocalDate.parse(settings.referenceDate());
        };
    }

    private CustomerTable dropDatesAfter(CustomerTable table, LocalDate reference, List<RejectedRow> rejected) {
        double[] dates = table.dates().get(settings.recencySource()); // read only
        double ref = reference.toEpochDay();
        int[] kept = new int[table.rows()];
        int count = 0;
        for (int i = 0; i < dates.length; i++) {
            if (dates[i] > ref) {
                rejected.add(new RejectedRow(table.sourceLine(i), table.customerId(i), RejectReason.DATE_AFTER_REFERENCE,
                        settings.recencySource() + " " + LocalDate.ofEpochDay((long) dates[i]) + " is after the reference date "
                                + reference, table.rowAsText(i)));
            } else {
                kept[count++] = i;
            }
        }
        return count == dates.length ? table : table.select(java.util.Arrays.copyOf(kept, count));
    }
}
