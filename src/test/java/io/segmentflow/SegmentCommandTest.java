package io.segmentflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** segment FILE --out DIR, and generate, as a user calls them. */
class SegmentCommandTest {
    @TempDir
    Path dir;

    @Test
    void segmentsAGeneratedFileIntoExactlyTheOutFolderAndLeavesTheInputWhereItWas() throws IOException {
        Path input = dir.resolve("customers.csv");
        assertEquals(0, CommandLine.run("generate", "--customers", "2000", "--seed", "7", "--out", input.toString()).exitCode());
        byte[] before = Files.readAllBytes(input);
        Path out = dir.resolve("result");

        CommandLine result = CommandLine.run("segment", input.toString(), "--out", out.toString());

        assertEquals(0, result.exitCode(), result.stderr());
        assertTrue(result.stdout().contains("Results: " + out), result.stdout());
        assertTrue(Files.exists(out.resolve("summary.json")));
        assertTrue(Files.exists(out.resolve("assignments.csv")));
        assertTrue(Files.isDirectory(out.resolve("segments")));
        assertEquals(List.of("result"), siblings(out), "no temporary folder is left beside the result");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(input)), "the input is left untouched");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(summary.at("/input/rowsRead").asLong(),
                summary.at("/input/rowsLoaded").asLong() + summary.at("/input/rowsQuarantined").asLong());
        for (String stage : List.of("ingest", "clean", "features", "scale", "cluster", "profile", "deliver")) {
            assertTrue(summary.at("/timingsMs").has(stage), "timing of " + stage);
        }
    }

    @Test
    void twoRunsOfTheSameInputAndSettingsGiveIdenticalFiles() throws IOException {
        Path input = dir.resolve("customers.csv");
        CommandLine.run("generate", "--customers", "3000", "--seed", "11", "--out", input.toString());
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        // Each run is a first run (its own model folder): a run matched to a previous model also says what changed.
        assertEquals(0, CommandLine.run("segment", input.toString(), "--out", first.toString(),
                "--set", "segmentation.model.dir=" + dir.resolve("models-first")).exitCode());
        assertEquals(0, CommandLine.run("segment", input.toString(), "--out", second.toString(),
                "--set", "segmentation.model.dir=" + dir.resolve("models-second")).exitCode());

        Map<String, byte[]> a = files(first);
        Map<String, byte[]> b = files(second);
        assertEquals(a.keySet(), b.keySet());
        for (String name : a.keySet()) {
            if (name.equals("summary.json") || name.equals("report.html")) continue;
            assertTrue(java.util.Arrays.equals(a.get(name), b.get(name)), name + " differs between runs");
        }
        assertTrue(a.keySet().stream().anyMatch(n -> n.startsWith("charts/")), "charts are compared too");
        assertEquals(stableSummary(first), stableSummary(second), "summary.json differs beyond run id, start time and timings");
        assertEquals(stableReport(first), stableReport(second), "report.html differs beyond run id, start time and timings");
    }

    @Test
    void aBatchRunWithModelsSwitchedOffSavesNoModelAndFollowsNoPreviousOne() throws IOException {
        Path input = dir.resolve("customers.csv");
        CommandLine.run("generate", "--customers", "2000", "--seed", "5", "--out", input.toString());
        Path models = dir.resolve("models");
        Path first = dir.resolve("first");
        Path second = dir.resolve("second");
        assertEquals(0, CommandLine.run("segment", input.toString(), "--out", first.toString(),
                "--set", "segmentation.model.dir=" + models).exitCode());
        assertTrue(Files.isDirectory(models), "the default saves a model");

        CommandLine batch = CommandLine.run("segment", input.toString(), "--out", second.toString(),
                "--set", "segmentation.model.dir=" + models, "--set", "segmentation.model.enabled=false");

        assertEquals(0, batch.exitCode(), batch.stderr());
        try (var saved = Files.list(models)) {
            assertEquals(2, saved.count(), "still only the first run's model and the current marker");
        }
        String summary = Files.readString(second.resolve("summary.json"));
        assertFalse(summary.contains("\"evolution\""), "not matched to the previous model");
        assertFalse(Files.exists(second.resolve("migrations.csv")));
    }

    @Test
    void aRunThatWritesNothingBackNeverOpensTheDatabaseWhileOneThatDoesChecksItBeforeAnyWork() throws IOException {
        Path input = dir.resolve("customers.csv");
        CommandLine.run("generate", "--customers", "500", "--seed", "3", "--out", input.toString());
        Path db = dir.resolve("db");
        String url = "segmentation.database.url=jdbc:h2:file:" + db.toAbsolutePath().resolve("run");

        CommandLine batch = CommandLine.run("segment", input.toString(), "--out", dir.resolve("batch").toString(),
                "--set", url, "--set", "segmentation.database.write-back=false",
                "--set", "segmentation.model.enabled=false", "--set", "segmentation.mail.enabled=false");
        assertEquals(0, batch.exitCode(), batch.stderr());
        assertFalse(Files.exists(db), "no database file for a run that needs none");

        CommandLine written = CommandLine.run("segment", input.toString(), "--out", dir.resolve("written").toString(),
                "--set", url, "--set", "segmentation.database.write-back=true",
                "--set", "segmentation.model.dir=" + dir.resolve("models"));
        assertEquals(0, written.exitCode(), written.stderr());
        assertTrue(Files.exists(db.resolve("run.mv.db")), "the write-back opened and migrated it");

        Path broken = dir.resolve("broken");
        CommandLine unreachable = CommandLine.run("segment", input.toString(), "--out", broken.toString(),
                "--set", "segmentation.database.url=jdbc:postgresql://127.0.0.1:1/nowhere",
                "--set", "segmentation.database.write-back=true");
        assertNotEquals(0, unreachable.exitCode());
        assertTrue(unreachable.stderr().contains("database"), unreachable.stderr());
        assertFalse(Files.exists(broken), "it failed at start, before segmenting anyone");
    }

    @Test
    void exitsWithThreeAndOneLineOnStderrWhenTheFileIsRejected() throws IOException {
        Path input = dir.resolve("wrong.csv");
        Files.writeString(input, "id;spend;count\n1;2;3\n");
        Path out = dir.resolve("out");

        CommandLine result = CommandLine.run("segment", input.toString(), "--out", out.toString());

        assertEquals(3, result.exitCode());
        String firstLine = result.stderr().lines().findFirst().orElse("");
        assertTrue(firstLine.contains("wrong.csv rejected: columns 'customer_id'"), firstLine);
        assertTrue(firstLine.contains("looks ';'-separated"), firstLine);
        assertFalse(Files.exists(out), "nothing is written for a rejected file");
        assertTrue(Files.exists(input), "the input is left where it was");
    }

    @Test
    void exitsWithTwoForBadUsage() {
        assertEquals(2, CommandLine.run("segment").exitCode());
        assertEquals(2, CommandLine.run("segment", dir.resolve("missing.csv").toString()).exitCode());
        assertEquals(2, CommandLine.run("frobnicate").exitCode());
        assertEquals(2, CommandLine.run("generate", "--customers", "10").exitCode());
        assertEquals(2, CommandLine.run("segment", "x.csv", "--set", "novalue").exitCode());
    }

    @Test
    void aFailureAfterStagingLeavesNoHalfWrittenRunBehind() throws IOException {
        Path input = dir.resolve("customers.csv");
        CommandLine.run("generate", "--customers", "500", "--out", input.toString());
        // The database write-back, after the files are staged, refuses an id longer than it can store.
        Files.writeString(input, "X".repeat(300) + ",100,3,5,2025-03-03\n", java.nio.file.StandardOpenOption.APPEND);
        Path results = Files.createDirectories(dir.resolve("results"));

        CommandLine result = CommandLine.run("segment", input.toString(), "--out", results.resolve("run").toString(),
                "--set", "segmentation.database.data-dir=" + dir.resolve("db"));

        assertEquals(3, result.exitCode(), result.stderr());
        assertTrue(result.stderr().contains("is longer than 255 characters"), result.stderr());
        try (Stream<Path> left = Files.list(results)) {
            assertEquals(List.of(), left.toList(), "neither the run nor its staging folder is left");
        }
    }

    @Test
    void refusesToWriteIntoAFolderThatHoldsSomethingElse() throws IOException {
        Path input = dir.resolve("customers.csv");
        CommandLine.run("generate", "--customers", "500", "--out", input.toString());
        Path out = Files.createDirectories(dir.resolve("precious"));
        Files.writeString(out.resolve("thesis.txt"), "do not delete");

        CommandLine result = CommandLine.run("segment", input.toString(), "--out", out.toString());

        assertEquals(2, result.exitCode());
        assertEquals("do not delete", Files.readString(out.resolve("thesis.txt")));
    }

    @Test
    void settingsOnTheCommandLineOverrideTheConfiguration() throws IOException {
        Path input = dir.resolve("customers.csv");
        CommandLine.run("generate", "--customers", "1500", "--segments", "5", "--out", input.toString());
        Path out = dir.resolve("five");

        CommandLine result = CommandLine.run("segment", input.toString(), "--out", out.toString(),
                "--set", "segmentation.cluster.k=5", "--set", "segmentation.cluster.restarts=2");

        assertEquals(0, result.exitCode(), result.stderr());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(5, summary.at("/algorithm/k").asInt());
        assertEquals(5, summary.at("/segments").size());
        assertEquals(2, summary.at("/algorithm/restarts").asInt());
    }

    @Test
    void refusesToStartWithANamingRuleOnAFeatureThatIsNotClustered() throws IOException {
        Path input = dir.resolve("customers.csv");
        CommandLine.run("generate", "--customers", "500", "--out", input.toString());

        CommandLine result = CommandLine.run("segment", input.toString(), "--out", dir.resolve("x").toString(),
                "--set", "segmentation.profile.rule.loyal=purchase_cuont > 0");

        assertEquals(2, result.exitCode());
        assertTrue(result.stderr().contains("segmentation.profile.rule.loyal uses 'purchase_cuont'"), result.stderr());
    }

    @Test
    void refusesASeedWekaCannotTake() throws IOException {
        Path input = dir.resolve("customers.csv");
        CommandLine.run("generate", "--customers", "500", "--out", input.toString());

        CommandLine result = CommandLine.run("segment", input.toString(), "--set", "segmentation.cluster.seed=4294967338");

        assertEquals(2, result.exitCode());
        assertTrue(result.stderr().contains("segmentation.cluster.seed must be a 32-bit number"), result.stderr());
    }

    @Test
    void generatesTheSameBytesForTheSameSeed() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        Path c = dir.resolve("c.csv");
        CommandLine.run("generate", "--customers", "1000", "--seed", "5", "--out", a.toString());
        CommandLine.run("generate", "--customers", "1000", "--seed", "5", "--out", b.toString());
        CommandLine.run("generate", "--customers", "1000", "--seed", "6", "--out", c.toString());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(b)));
        assertNotEquals(Files.readString(a), Files.readString(c));
        assertEquals("customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date",
                Files.readAllLines(a).get(0), "planted labels are not in the data file");
    }

    private List<String> siblings(Path p) throws IOException {
        try (Stream<Path> s = Files.list(p.getParent())) {
            return s.map(x -> x.getFileName().toString()).filter(n -> !n.endsWith(".csv")).sorted().toList();
        }
    }

    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(root)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                out.put(root.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    /** report.html without what must differ between two runs: the run id, start time, timings. */
    private static String stableReport(Path run) throws IOException {
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        return Files.readString(run.resolve("report.html"))
                .replace(summary.get("runId").asText(), "RUN-ID")
                .replace(summary.get("startedAt").asText(), "STARTED-AT")
                .replaceAll("(?s)<h3>Time per stage</h3>.*?<h3>Versions</h3>", "TIMINGS");
    }

    /** summary.json without what must differ between two runs: the run id, start time, timings. */
    private static JsonNode stableSummary(Path run) throws IOException {
        var node = (com.fasterxml.jackson.databind.node.ObjectNode) new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        node.remove(List.of("runId", "startedAt", "timingsMs"));
        return node;
    }
}
