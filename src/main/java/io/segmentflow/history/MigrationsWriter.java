package io.segmentflow.history;

import io.segmentflow.deliver.CsvCells;
import io.segmentflow.model.Evolution;
import io.segmentflow.model.SegmentProfile;
import io.segmentflow.model.SegmentationRun;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
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
        int[] ids = run.profiles().stream().mapToInt(SegmentProfile::id).toArray();
        String[] names = run.profiles().stream().map(SegmentProfile::name).toArray(String[]::new);
        Path file = run.stagingDir().resolve(FILE);
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
             CSVPrinter csv = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            csv.printRecord("customer_id", "previous_segment_id", "previous_segment_name", "segment_id", "segment_name", "moved");
            var s = run.segmentation();
            for (int i = 0; i < run.features().rows(); i++) {
                int before = e.previousSegmentOf(i);
                int c = s.segmentOf(i);
                String id = run.features().customerId(i);
                csv.printRecord(CsvCells.text(id), before == 0 ? "" : before, before == 0 ? "" : CsvCells.text(previousNames.get(before)), ids[c],
                        CsvCells.text(names[c]), before != 0 && before != ids[c]);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException("cannot write " + file + ": " + ex.getMessage(), ex);
        }
        return run.withTiming("migrations", (System.nanoTime() - t0) / 1_000_000);
    }

}
