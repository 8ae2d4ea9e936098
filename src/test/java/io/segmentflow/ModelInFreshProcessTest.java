package io.segmentflow;

import io.segmentflow.support.Cli;
import io.segmentflow.support.DemoFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A saved model loaded in a fresh JVM (the score command in a child process) scores every customer
 * of the run that saved it exactly as that run assigned it: same segment, same distance to the bit.
 */
class ModelInFreshProcessTest {

    @TempDir
    Path tmp;

    @Test
    void aFreshProcessScoresExactlyAsTheRunThatSavedTheModel() throws Exception {
        Path input = DemoFiles.customers(tmp.resolve("customers.csv"), 11, 20_000, 5);
        String runId = Cli.savedModelRun(input, tmp, "segmentation.cluster.k=5");

        Path scored = tmp.resolve("scored.csv");
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "-DWEKA_HOME=" + tmp.resolve("weka"),
                "io.segmentflow.Segmentflow", "score", input.toString(), "--out", scored.toString(),
                "--set", "segmentation.model.dir=" + tmp.resolve("models"),
                "--set", "segmentation.database.data-dir=" + tmp.resolve("db"))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("child.log").toFile()).start();
        assertTrue(child.waitFor(3, TimeUnit.MINUTES), "the child process did not finish");
        assertEquals(0, child.exitValue(), Files.readString(tmp.resolve("child.log")));

        Map<String, CSVRecord> byId = new HashMap<>();
        List<CSVRecord> rows = csv(scored);
        rows.forEach(r -> byId.putIfAbsent(r.get("customer_id"), r)); // the run keeps the first of duplicate ids
        List<CSVRecord> assigned = csv(tmp.resolve("out").resolve(runId).resolve("assignments.csv"));
        int compared = 0;
        for (CSVRecord a : assigned) {
            CSVRecord s = byId.get(a.get("customer_id"));
            if (!s.get("error").isEmpty()) continue; // a value the run imputed: the scorer refuses to guess it
            assertEquals(a.get("segment_id"), s.get("segment_id"), a.get("customer_id"));
            assertEquals(a.get("segment_name"), s.get("segment_name"));
            assertEquals(Double.parseDouble(a.get("distance")), Double.parseDouble(s.get("distance")), 0.0, a.get("customer_id"));
            compared++;
        }
        // About 2 % of the cells are blank in demo data, so about 8 % of the customers lack one of four values.
        assertTrue(compared > assigned.size() * 0.85, compared + " of " + assigned.size() + " compared");
        assertEquals(20_000, rows.size(), "one line per input row");
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
