package io.segmentflow.deliver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmentflow.clean.CleaningSettings;
import io.segmentflow.model.SegmentProfile;
import io.segmentflow.model.SegmentationRun;
import io.segmentflow.support.Pipeline;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunFilesWriterTest {
    private static final Map<String, String> VERSIONS = Map.of("segmentflow", "test", "java", "17");
    private static final String[] FORMULA_IDS = {"=HYPERLINK(1)", "+4411", "-17", "@home"};
    private static final List<String> STAGES = List.of("ingest", "clean", "features", "scale", "cluster", "profile", "deliver");

    @TempDir
    Path tmp;

    /** Four seeded groups of 16 customers; four ids look like formulas, one session time is negative. */
    private static String customers(boolean withBrokenRows) {
        double[][] groups = {{90, 28, 28, 7}, {45, 11, 16, 22}, {38, 1.3, 9, 5}, {22, 2, 4, 520}};
        Random random = new Random(20250701);
        StringBuilder csv = new StringBuilder("customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date\n");
        int row = 0;
        for (double[] g : groups) {
            for (int i = 0; i < 16; i++, row++) {
                String id = row % 16 == 3 ? FORMULA_IDS[row / 16] : "C" + (1000 + row);
                long purchases = Math.max(1, Math.round(g[1] * Math.exp(0.2 * random.nextGaussian())));
                double spent = purchases * g[0] * Math.exp(0.2 * random.nextGaussian());
                double session = row == 5 ? -2.5 : Math.round(g[2] * (1 + 0.1 * random.nextGaussian()) * 10) / 10.0;
                long recency = Math.round(g[3] * Math.exp(0.2 * random.nextGaussian()));
                csv.append(String.format(Locale.ROOT, "%s,%.2f,%d,%.1f,%s%n", id, spent, purchases, session,
                        LocalDate.of(2025, 6, 30).minusDays(recency)));
            }
        }
        if (withBrokenRows) {
            csv.append("C9001,100.00,-3,10.0,2025-06-01\n");
            csv.append("C9002,100.00,3,10.0,2024-02-30\n");
        }
        return csv.toString();
    }

    /** Negative session times are allowed here, so a negative number reaches the output. */
    private static SegmentationRun profiled(boolean withBrokenRows, Path outputDir) {
        CleaningSettings cleaning = new CleaningSettings("median", List.of("total_spent", "purchase_count"), "keep-first", 0.05);
        return Pipeline.withCleaning(cleaning).profiled(customers(withBrokenRows), "customers.csv", outputDir);
    }

    private static SegmentationRun write(SegmentationRun run, Path root) {
        RunFilesWriter writer = new RunFilesWriter(new OutputSettings(root, VERSIONS));
        return writer.publish(writer.stage(run));
    }

    private static List<CSVRecord> records(Path csv) throws IOException {
        try (CSVParser parser = CSVParser.parse(csv, StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        }
    }

    private static List<Path> list(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.sorted().toList();
        }
    }

    @Test
    void writesTheRunManifestIntoSummaryJson() throws IOException {
        SegmentationRun run = write(profiled(true, tmp.resolve("run")), tmp.resolve("unused"));

        JsonNode summary = new ObjectMapper().readTree(run.outputDir().resolve("summary.json").toFile());
        assertEquals(run.request().runId(), summary.get("runId").asText());
        JsonNode input = summary.get("input");
        assertEquals("customers.csv", input.get("name").asText());
        assertEquals(run.request().sha256(), input.get("sha256").asText());
        assertEquals(66, input.get("rowsRead").asLong());
        assertEquals(64, input.get("rowsLoaded").asLong());
        assertEquals(2, input.get("rowsQuarantined").asLong());
        assertEquals(1, input.get("quarantineReasons").get("negative-value").asInt());
        assertEquals(1, input.get("quarantineReasons").get("invalid-date").asInt());
        assertEquals(List.of("total_spent", "purchase_count", "avg_session_time", "recency_days"),
                texts(summary.get("features")));
        assertEquals("log1p-zscore", summary.get("scaling").get(0).get("method").asText());
        assertEquals("zscore", summary.get("scaling").get(2).get("method").asText());
        JsonNode algorithm = summary.get("algorithm");
        assertEquals("weka.clusterers.SimpleKMeans", algorithm.get("name").asText());
        assertEquals(4, algorithm.get("k").asInt());
        assertEquals(42, algorithm.get("seed").asLong());
        assertEquals("k-means++", algorithm.get("init").asText());
        assertEquals(5, algorithm.get("restarts").asInt());
        assertEquals(100, algorithm.get("maxIterations").asInt());
        assertEquals(run.segmentation().sse(), summary.get("sse").asDouble(), 0);
        assertTrue(summary.get("iterations").asInt() >= 1);
        assertEquals(STAGES, fieldNames(summary.get("timingsMs")));
        assertEquals("test", summary.get("versions").get("segmentflow").asText());
    }

    @Test
    void describesEverySegmentInSummaryJson() throws IOException {
        SegmentationRun run = write(profiled(true, tmp.resolve("run")), tmp);

        JsonNode segments = new ObjectMapper().readTree(run.outputDir().resolve("summary.json").toFile()).get("segments");
        assertEquals(4, segments.size());
        long customers = 0;
        double share = 0;
        for (int i = 0; i < segments.size(); i++) {
            JsonNode segment = segments.get(i);
            SegmentProfile profile = run.profiles().get(i);
            assertEquals(i + 1, segment.get("id").asInt());
            assertEquals(profile.name(), segment.get("name").asText());
            assertEquals(profile.size(), segment.get("size").asInt());
            assertEquals(4, segment.get("centroid").size());
            assertTrue(segment.get("distinguishing").isArray());
            assertFalse(segment.get("recommendation").asText().isEmpty(), profile.name());
            customers += segment.get("size").asLong();
            share += segment.get("share").asDouble();
        }
        assertEquals(64, customers);
        assertEquals(1.0, share, 1e-12);
    }

    @Test
    void countsEveryRowReadAsLoadedOrQuarantined() throws IOException {
        SegmentationRun run = write(profiled(true, tmp.resolve("run")), tmp);

        JsonNode input = new ObjectMapper().readTree(run.outputDir().resolve("summary.json").toFile()).get("input");
        assertEquals(input.get("rowsRead").asLong(), input.get("rowsLoaded").asLong() + input.get("rowsQuarantined").asLong());
    }

    @Test
    void writesOneAssignmentRowPerLoadedCustomer() throws IOException {
        SegmentationRun run = write(profiled(true, tmp.resolve("run")), tmp);

        Path assignments = run.outputDir().resolve("assignments.csv");
        assertTrue(Files.readAllLines(assignments).get(0).startsWith("customer_id,segment_id,segment_name,distance,"));
        List<CSVRecord> rows = records(assignments);
        assertEquals(run.rowsLoaded(), rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(run.segmentation().segmentOf(i) + 1, Integer.parseInt(rows.get(i).get("segment_id")));
            assertEquals(run.segmentation().distance(i), Double.parseDouble(rows.get(i).get("distance")));
        }
    }

    @Test
    void writesOneFilePerSegmentTogetherHoldingEveryLoadedCustomer() throws IOException {
        SegmentationRun run = write(profiled(true, tmp.resolve("run")), tmp);

        int total = 0;
        for (SegmentProfile p : run.profiles()) {
            Path file = run.outputDir().resolve("segments").resolve(p.fileStem() + ".csv");
            assertTrue(Files.exists(file), file.toString());
            List<CSVRecord> rows = records(file);
            assertEquals(p.size(), rows.size(), p.name());
            assertTrue(rows.stream().allMatch(r -> r.get("segment_name").equals(p.name())), p.name());
            total += rows.size();
        }
        assertEquals(run.rowsLoaded(), total);
        assertEquals(run.profiles().size(), list(run.outputDir().resolve("segments")).size());
    }

    @Test
    void writesRejectsOnlyWhenRowsWereQuarantined() throws IOException {
        SegmentationRun withRejects = write(profiled(true, tmp.resolve("with")), tmp);
        SegmentationRun clean = write(profiled(false, tmp.resolve("without")), tmp);

        List<CSVRecord> rejects = records(withRejects.outputDir().resolve("rejects.csv"));
        assertEquals(List.of("C9001", "C9002"), rejects.stream().map(r -> r.get("customer_id")).toList());
        assertEquals(List.of("negative-value", "invalid-date"), rejects.stream().map(r -> r.get("reason")).toList());
        assertFalse(Files.exists(clean.outputDir().resolve("rejects.csv")));
    }

    @Test
    void neutralisesFormulaLikeIdsButNotNegativeNumbers() throws IOException {
        SegmentationRun run = write(profiled(true, tmp.resolve("run")), tmp);

        List<CSVRecord> rows = records(run.outputDir().resolve("assignments.csv"));
        List<String> ids = rows.stream().map(r -> r.get("customer_id")).toList();
        for (String formula : FORMULA_IDS) {
            assertTrue(ids.contains("'" + formula), formula + " in " + ids);
            assertFalse(ids.contains(formula), formula);
        }
        assertTrue(ids.contains("C1000"));
        List<String> sessions = rows.stream().map(r -> r.get("avg_session_time")).toList();
        assertTrue(sessions.contains("-2.5"), sessions.toString());
        assertTrue(sessions.stream().noneMatch(s -> s.startsWith("'")), sessions.toString());
    }

    @Test
    void leavesNoTemporaryFolderBehind() throws IOException {
        Path root = tmp.resolve("out");
        SegmentationRun run = write(profiled(true, null), root);

        assertEquals(List.of(root.resolve(run.request().runId())), list(root));
        assertEquals(run.outputDir(), root.resolve(run.request().runId()));
    }

    @Test
    void replacesAnEarlierRunInTheSameFolder() throws IOException {
        Path target = tmp.resolve("run");
        write(profiled(false, target), tmp);
        Files.writeString(target.resolve("left-by-earlier-run.txt"), "old");

        SegmentationRun second = write(profiled(true, target), tmp);

        assertFalse(Files.exists(target.resolve("left-by-earlier-run.txt")));
        assertTrue(Files.exists(target.resolve("rejects.csv")));
        JsonNode summary = new ObjectMapper().readTree(target.resolve("summary.json").toFile());
        assertEquals(second.request().sha256(), summary.get("input").get("sha256").asText());
        assertEquals(List.of(target), list(tmp));
    }

    @Test
    void refusesAFolderThatIsNotARunAndLeavesItUntouched() throws IOException {
        Path target = tmp.resolve("documents");
        Files.createDirectories(target);
        Files.writeString(target.resolve("thesis.txt"), "precious");
        SegmentationRun run = profiled(true, target);

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> write(run, tmp));

        assertTrue(e.getMessage().contains("not a Segmentflow run folder"), e.getMessage());
        assertEquals(List.of(target.resolve("thesis.txt")), list(target));
        assertEquals("precious", Files.readString(target.resolve("thesis.txt")));
        assertEquals(List.of(target), list(tmp));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> fieldNames(JsonNode object) {
        List<String> out = new ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
