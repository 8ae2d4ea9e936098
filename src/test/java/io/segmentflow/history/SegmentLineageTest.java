package io.segmentflow.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmentflow.demo.DemoCustomerGenerator;
import io.segmentflow.support.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** New and vanished segments are reported, their ids never reused; a model over other features starts afresh. */
class SegmentLineageTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void moreSegmentsAreNewWithFreshIdsAndFewerAreReportedVanished() throws IOException {
        Path file = tmp.resolve("customers.csv");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new DemoCustomerGenerator(9).writeEpoch(w, 4000, 5, 0);
        }
        JsonNode four = run(file, 4).get("segments");
        JsonNode five = run(file, 5);
        List<String> statuses = new ArrayList<>();
        five.get("evolution").get("segments").forEach(s -> statuses.add(s.get("status").asText()));
        assertEquals(4, statuses.stream().filter("matched"::equals).count(), statuses.toString());
        assertEquals(1, statuses.stream().filter("new"::equals).count(), statuses.toString());
        JsonNode fresh = null;
        for (JsonNode s : five.get("evolution").get("segments")) if (s.get("status").asText().equals("new")) fresh = s;
        assertEquals(5, fresh.get("id").asInt(), "the first id no segment had");
        Set<String> names = new HashSet<>();
        five.get("segments").forEach(s -> names.add(s.get("name").asText()));
        assertEquals(5, names.size(), "names stay unique: " + names);
        for (JsonNode was : four) {
            assertTrue(names.contains(was.get("name").asText()), was.get("name").asText() + " kept its name");
        }

        // Drift: a kept segment whose share changed by more than 5 points is flagged and warned about.
        int flagged = 0;
        for (JsonNode s : five.get("evolution").get("segments")) {
            if (!s.get("status").asText().equals("matched")) continue;
            boolean beyond = Math.abs(s.get("share").asDouble() - s.get("previousShare").asDouble()) > 0.05
                    || s.get("centroidShift").asDouble() > 0.5;
            assertEquals(beyond, s.get("drifted").asBoolean(), s.toString());
            if (beyond) {
                flagged++;
                assertTrue(five.get("warnings").toString().contains("segment " + s.get("id").asInt() + " " + s.get("name").asText()
                        + " drifted"), five.get("warnings").toString());
            }
        }
        assertTrue(flagged > 0, "splitting a segment in two moves at least one kept segment's share");

        JsonNode three = run(file, 3).get("evolution");
        long vanished = 0;
        for (JsonNode s : three.get("segments")) if (s.get("status").asText().equals("vanished")) vanished++;
        assertTrue(vanished >= 2, "from five segments to three, at least two vanish: " + three.get("segments"));

        JsonNode again = run(file, 5).get("evolution");
        for (JsonNode s : again.get("segments")) {
            if (s.get("status").asText().equals("new")) assertTrue(s.get("id").asInt() > 5, "ids are never reused: " + s);
        }
    }

    @Test
    void aModelOverOtherFeaturesIsNotMatched() throws IOException {
        Path file = tmp.resolve("customers.csv");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new DemoCustomerGenerator(9).writeEpoch(w, 2000, 4, 0);
        }
        run(file, 4);
        JsonNode other = run(file, 4, "--set", "segmentation.features.columns=total_spent,purchase_count,recency_days",
                "--set", "segmentation.profile.names=high-value,new,at-risk,hibernating");
        assertFalse(other.has("evolution"));
        assertTrue(other.get("warnings").toString().contains("were not matched"), other.get("warnings").toString());
    }

    private JsonNode run(Path file, int k, String... more) throws IOException {
        List<String> args = new ArrayList<>(List.of("segment", file.toString(), "--no-report",
                "--set", "segmentation.output.dir=" + tmp.resolve("out"), "--set", "segmentation.cluster.k=" + k,
                "--set", "segmentation.stability.resamples=0", "--set", "segmentation.database.write-back=false"));
        args.addAll(List.of(more));
        Cli.ok(args.toArray(String[]::new));
        String runId = Files.readString(tmp.resolve("models/current")).trim();
        return JSON.readTree(tmp.resolve("out").resolve(runId).resolve("summary.json").toFile());
    }
}
