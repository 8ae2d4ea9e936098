package io.segmentflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A million customers through the segment command in a separate JVM capped at -Xmx1g. Slow (about
 * half a minute), so it runs with -Pscale, which CI also runs. It prints the stage timings; speed
 * targets are a benchmark's business, not this test's.
 */
@Tag("scale")
class MillionCustomersScaleTest {
    @TempDir
    Path dir;

    @Test
    void segmentsAMillionCustomersWithinAOneGigabyteHeap() throws Exception {
        Path input = dir.resolve("million.csv");
        assertEquals(0, CommandLine.run("generate", "--customers", "1000000", "--seed", "1", "--out", input.toString()).exitCode());
        Path out = dir.resolve("out");
        Path log = dir.resolve("segment.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                Segmentflow.class.getName(), "segment", input.toString(), "--out", out.toString(),
                // its own model folder: the million customers' model is saved, with no other test's model to match
                "--set", "segmentation.model.dir=" + dir.resolve("models")))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "finished within 10 minutes");

        assertEquals(0, process.exitValue(), Files.readString(log));
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals(1_000_000, summary.at("/input/rowsRead").asInt());
        assertEquals(1_000_000, summary.at("/input/rowsLoaded").asInt() + summary.at("/input/rowsQuarantined").asInt());
        for (String stage : List.of("ingest", "clean", "features", "scale", "cluster", "profile", "deliver")) {
            assertTrue(summary.at("/timingsMs/" + stage).asLong() >= 0, stage);
        }
        System.out.println("1,000,000 customers with -Xmx1g, ms per stage: " + summary.at("/timingsMs"));
    }
}
