package io.segmentflow.history;

import io.segmentflow.deliver.CsvCells;
import io.segmentflow.deliver.CsvLineBuilder;
import io.segmentflow.model.CustomerIds;
import io.segmentflow.model.Evolution;
import io.segmentflow.model.SegmentProfile;
import io.segmentflow.model.SegmentationRun;
import org.apache.commons.csv.CSVFormat;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes migrations.csv into the run's staged folder: for each customer, the segment it had in the
 * previous run and the one it has now (previous empty for a new customer). Only when there was a
 * previous run to compare with.
 */
public final class MigrationsWriter {
    static final String FILE = "migrations.csv";

    public SegmentationRun write(SegmentationRun run) {
        Evolution e = run.evolution();
        if (e == null || run.stagingDir() == null) return run;
        long t0 = System.nanoTime();
        Map<Integer, String> previousNames = new HashMap<>();
        e.segments().forEach(s -> previousNames.putIfAbsent(s.id(), s.name()));
        e.migration().stream().filter(f -> f.fromId() != null).forEach(f -> previousNames.put(f.fromId(), f.fromName()));
        int[] segmentIds = run.profiles().stream().mapToInt(SegmentProfile::id).toArray();
        String[] ids = java.util.Arrays.stream(segmentIds).mapToObj(Integer::toString).toArray(String[]::new);
        String[] names = run.profiles().stream().map(SegmentProfile::name).toArray(String[]::new);
        Path file = run.stagingDir().resolve(FILE);
        // a million rows beside the run's own CSV files: built as bytes the same way (CsvLineBuilder)
        CsvLineBuilder line = new CsvLineBuilder(CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get(), 1 << 16);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (String header : List.of("customer_id", "previous_segment_id", "previous_segment_name", "segment_id",
                    "segment_name", "moved")) {
                line.cell(header);
            }
            line.endRecord();
            var s = run.segmentation();
            CustomerIds customers = run.features().customerIds();
            for (int i = 0; i < customers.size(); i++) {
                int before = e.previousSegmentOf(i);
                int c = s.segmentOf(i);
                line.textCell(customers.utf8(), customers.start(i), customers.start(i + 1));
                line.cell(before == 0 ? "" : Integer.toString(before));
                line.cell(before == 0 ? "" : CsvCells.text(previousNames.get(before)));
                line.plainCell(ids[c]);
                line.cell(CsvCells.text(names[c]));
                line.plainCell(Boolean.toString(before != 0 && before != segmentIds[c]));
                line.endRecord();
                if (line.length() > 1 << 16) {
                    line.writeTo(out);
                    line.clear();
                }
            }
            line.writeTo(out);
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
        return run.withTiming("migrations", (System.nanoTime() - t0) / 1_000_000);
    }

}
