package io.segmentflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmentflow.demo.DemoCustomerGenerator;
import io.segmentflow.support.Cli;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three successive runs over evolving demo data (the generator's evolving mode moves a known set of
 * customers between planted segments at each epoch), each clustered from another seed: every
 * planted segment keeps its id and name, and the migrations counted are exactly the planted moves.
 */
class EvolvingRunsTest {
    private static final int CUSTOMERS = 5000, SEGMENTS = 5;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void identitiesStayAndMigrationsEqualThePlantedMoves() throws Exception {
        List<String> planted = DemoCustomerGenerator.plantedNames(SEGMENTS);
        Map<String, Integer> segmentOfPlanted = null;
        Map<String, String> nameOfPlanted = null;
        long[] seeds = {42, 7, 1234};
        for (int epoch = 0; epoch < 3; epoch++) {
            Path file = tmp.resolve("customers-" + epoch + ".csv");
            DemoCustomerGenerator.Epoch truth;
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                truth = new DemoCustomerGenerator(5).writeEpoch(w, CUSTOMERS, SEGMENTS, epoch);
            }
            Cli.ok("segment", file.toString(), "--set", "segmentation.report.enabled=" + (epoch == 2), "--set", "segmentation.output.dir=" + tmp.resolve("out"),
                    "--set", "segmentation.cluster.k=" + SEGMENTS, "--set", "segmentation.cluster.seed=" + seeds[epoch],
                    "--set", "segmentation.stability.resamples=0",
                    "--set", "segmentation.alerts.rules=to-at-risk",
                    "--set", "segmentation.alerts.rule.to-at-risk=* -> At-Risk > 0",
                    "--set", "segmentation.alerts.endpoint=file:" + tmp.resolve("alerts"));
            String runId = Files.readString(tmp.resolve("models/current")).trim();
            Path run = tmp.resolve("out").resolve(runId);
            Map<String, Integer> segmentOf = new HashMap<>();
            Map<Integer, String> nameOf = new HashMap<>();
            for (CSVRecord r : csv(run.resolve("assignments.csv"))) {
                segmentOf.put(r.get("customer_id"), Integer.parseInt(r.get("segment_id")));
                nameOf.put(Integer.parseInt(r.get("segment_id")), r.get("segment_name"));
            }
            // Every planted segment is found whole: one segment per archetype, none shared.
            Map<String, Integer> found = new HashMap<>();
            for (int i = 0; i < CUSTOMERS; i++) {
                String id = String.format("C%06d", i + 1);
                String archetype = planted.get(truth.labels()[i]);
                Integer before = found.putIfAbsent(archetype, segmentOf.get(id));
                assertTrue(before == null || before.equals(segmentOf.get(id)), "epoch " + epoch + ": " + archetype + " split");
            }
            assertEquals(SEGMENTS, found.values().stream().distinct().count(), "epoch " + epoch + ": segments shared");
            Map<String, String> names = new HashMap<>();
            found.forEach((a, s) -> names.put(a, nameOf.get(s)));
            if (epoch == 0) {
                segmentOfPlanted = found;
                nameOfPlanted = names;
                assertFalse(Files.exists(run.resolve("migrations.csv")), "no previous run, no migrations");
                continue;
            }
            assertEquals(segmentOfPlanted, found, "epoch " + epoch + ": a planted segment changed its id");
            assertEquals(nameOfPlanted, names, "epoch " + epoch + ": a planted segment changed its name");

            // migrations.csv: exactly the planted movers are marked moved, from and to the right segments.
            Map<String, DemoCustomerGenerator.Move> moves = new HashMap<>();
            truth.moves().forEach(m -> moves.put(m.customerId(), m));
            assertTrue(moves.size() > 100, "the generator planted moves");
            int moved = 0;
            for (CSVRecord r : csv(run.resolve("migrations.csv"))) {
                DemoCustomerGenerator.Move m = moves.get(r.get("customer_id"));
                if (Boolean.parseBoolean(r.get("moved"))) {
                    moved++;
                    assertTrue(m != null, r.get("customer_id") + " moved but was not planted to");
                    assertEquals(found.get(m.from()), Integer.parseInt(r.get("previous_segment_id")));
                    assertEquals(found.get(m.to()), Integer.parseInt(r.get("segment_id")));
                }
            }
            assertEquals(moves.size(), moved);

            // summary.json: the count and the matrix agree with the planted moves, pair by pair.
            JsonNode evolution = JSON.readTree(run.resolve("summary.json").toFile()).get("evolution");
            assertEquals(moves.size(), evolution.get("customersMoved").asLong());
            Map<String, Long> plantedPairs = new HashMap<>();
            moves.values().forEach(m -> plantedPairs.merge(names.get(m.from()) + ">" + names.get(m.to()), 1L, Long::sum));
            Map<String, Long> countedPairs = new HashMap<>();
            JsonNode matrix = evolution.get("migrationMatrix");
            for (int i = 0; i < matrix.get("from").size(); i++) {
                for (int j = 0; j < matrix.get("to").size(); j++) {
                    String from = matrix.get("from").get(i).asText(), to = matrix.get("to").get(j).asText();
                    long count = matrix.get("counts").get(i).get(j).asLong();
                    if (!from.equals(to) && count > 0) countedPairs.put(from.replaceFirst("^\\d+ ", "") + ">"
                            + to.replaceFirst("^\\d+ ", ""), count);
                }
            }
            assertEquals(plantedPairs, countedPairs);
            evolution.get("segments").forEach(s -> assertEquals("matched", s.get("status").asText()));

            if (epoch == 2) {
                assertTrue(Files.size(run.resolve("charts/migration.png")) > 5_000, "the report draws the migration");
                assertTrue(Files.readString(run.resolve("report.html")).contains("charts/migration.png"));
            }
            // The current model is marked in the database too.
            try (var c = java.sql.DriverManager.getConnection("jdbc:h2:file:" + Path.of(System.getProperty(
                    "segmentation.database.data-dir", "data"), "segmentflow").toAbsolutePath(), "sa", "");
                 var rs = c.createStatement().executeQuery("SELECT run_id FROM segment_model WHERE is_current")) {
                assertTrue(rs.next());
                assertEquals(runId, rs.getString(1));
                assertFalse(rs.next(), "one current model");
            }

            // The alert rule "* -> At-Risk > 0" reported exactly the planted moves into At-Risk.
            long intoAtRisk = moves.values().stream().filter(m -> names.get(m.to()).equals("At-Risk")).count();
            List<JsonNode> alerts = new ArrayList<>();
            try (Stream<Path> files = Files.list(tmp.resolve("alerts"))) {
                for (Path f : files.filter(p -> p.getFileName().toString().contains(runId)).toList()) alerts.add(JSON.readTree(f.toFile()));
            }
            assertEquals(1, alerts.size());
            assertEquals(intoAtRisk, alerts.get(0).get("count").asLong());
        }
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
