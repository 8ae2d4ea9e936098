package io.segmentflow.routes;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmentflow.Segmentflow;
import org.apache.camel.test.main.junit5.CamelMainTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbox route against a real folder: every test drops its own uniquely named, uniquely filled
 * file into the one inbox this class's Camel context watches, and waits for where it ends up.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@CamelMainTest(mainClass = Segmentflow.class,
        propertyPlaceholderLocations = "file:config/application.properties",
        properties = {
                "segmentation.inbox.dir=" + IngestInboxRouteTest.ROOT + "/inbox",
                "segmentation.inbox.processed-store=" + IngestInboxRouteTest.ROOT + "/processed.txt",
                "segmentation.output.dir=" + IngestInboxRouteTest.ROOT + "/out",
                "segmentation.inbox.poll-delay-ms=100",
                "segmentation.inbox.stable-ms=1000",
                "segmentation.inbox.stable-check-ms=100",
                "segmentation.cluster.k=2",
                "segmentation.cluster.restarts=1"})
class IngestInboxRouteTest {
    static final String ROOT = "target/route-tests/ingest-inbox";
    static final Path INBOX = Path.of(ROOT, "inbox");
    static final Path OUT = Path.of(ROOT, "out");
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    static {
        // Runs before the extension starts Camel: every run of this class starts from empty folders.
        RouteTestFiles.deleteTree(Path.of(ROOT));
    }

    @Test
    void segmentsADroppedFileAndMovesItToDone() throws IOException {
        drop("good.csv", customers(40, 1));
        Path done = INBOX.resolve(".done/good.csv");
        await().atMost(PATIENCE).until(() -> Files.exists(done));
        JsonNode summary = await().atMost(PATIENCE).until(() -> summaryFor("good.csv"), s -> s != null);
        assertEquals(40, summary.at("/input/rowsRead").asInt());
        assertEquals(40, summary.at("/input/rowsLoaded").asInt());
        assertEquals(2, summary.at("/segments").size());
        assertFalse(Files.exists(INBOX.resolve("good.csv")), "the inbox is emptied");
    }

    @Test
    void movesARejectedFileToFailedBesideAOneLineReason() throws IOException {
        drop("wrong-columns.csv", "id,spend,count\n1,2,3\n");
        Path note = INBOX.resolve(".failed/wrong-columns.csv.error.txt");
        await().atMost(PATIENCE).until(() -> Files.exists(note) && Files.exists(INBOX.resolve(".failed/wrong-columns.csv")));
        List<String> lines = Files.readAllLines(note);
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("columns 'customer_id', 'total_spent'"), lines.get(0));
        assertTrue(lines.get(0).contains("found: id, spend, count"), lines.get(0));
        assertFalse(Files.exists(INBOX.resolve(".done/wrong-columns.csv")), "a rejected file must not count as done");
    }

    @Test
    void rejectsAnEmptyFileInsteadOfIgnoringIt() throws IOException {
        drop("empty.csv", "");
        Path note = INBOX.resolve(".failed/empty.csv.error.txt");
        // The note is written before the consumer moves the file: wait for both.
        await().atMost(PATIENCE).until(() -> Files.exists(note) && !Files.exists(INBOX.resolve("empty.csv")));
        assertEquals("the file is empty", Files.readString(note).trim());
    }

    @Test
    void movesTheSameBytesDroppedAgainToDuplicatesWithoutASecondRun() throws IOException {
        String content = customers(30, 2);
        drop("first.csv", content);
        await().atMost(PATIENCE).until(() -> Files.exists(INBOX.resolve(".done/first.csv")));
        drop("first-again.csv", content);
        await().atMost(PATIENCE).until(() -> Files.exists(INBOX.resolve(".duplicates/first-again.csv")));
        assertFalse(Files.exists(INBOX.resolve("first-again.csv")), "the duplicate is moved aside, not left in the inbox");
        assertEquals(null, summaryFor("first-again.csv"), "a duplicate is not segmented again");
    }

    @Test
    void waitsForAFileThatIsStillBeingWritten() throws Exception {
        Path target = INBOX.resolve("slow.csv");
        int chunks = 6;
        int rowsPerChunk = 25;
        ScheduledExecutorService writer = Executors.newSingleThreadScheduledExecutor();
        try (Writer w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
            w.write("customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date\n");
            w.flush();
            for (int c = 0; c < chunks; c++) {
                int chunk = c;
                // A producer that appends a chunk every 300 ms: slower than a poll (100 ms), never idle for stable-ms (1 s).
                writer.schedule(() -> appendRows(w, chunk * rowsPerChunk, rowsPerChunk, 3), 300, TimeUnit.MILLISECONDS).get();
            }
        } finally {
            writer.shutdownNow();
        }
        JsonNode summary = await().atMost(PATIENCE).until(() -> summaryFor("slow.csv"), s -> s != null);
        assertEquals(chunks * rowsPerChunk, summary.at("/input/rowsRead").asInt(), "every row written was read, once");
        assertEquals(1, runsOf("slow.csv"), "the file was processed once");
    }

    private static void appendRows(Writer w, int from, int count, int salt) {
        try {
            w.write(rows(from, count, salt));
            w.flush();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Writes under a hidden name and renames, so only the route's own read lock is under test where it should be. */
    private static void drop(String name, String content) throws IOException {
        Files.createDirectories(INBOX);
        Path staged = INBOX.resolve(".staging-" + name);
        Files.writeString(staged, content, StandardCharsets.UTF_8);
        Files.move(staged, INBOX.resolve(name));
    }

    static String customers(int n, int salt) {
        return "customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date\n" + rows(0, n, salt);
    }

    private static String rows(int from, int n, int salt) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < from + n; i++) {
            boolean big = i % 2 == 0;
            sb.append("C").append(salt).append('-').append(i).append(',')
                    .append(big ? 900 + i : 20 + i).append(',')
                    .append(big ? 30 + i % 5 : 1 + i % 3).append(',')
                    .append(10 + i % 7).append(',')
                    .append(big ? "2025-06-" + (10 + i % 15) : "2024-0" + (1 + i % 8) + "-15").append('\n');
        }
        return sb.toString();
    }

    private static JsonNode summaryFor(String inputName) throws IOException {
        if (!Files.isDirectory(OUT)) return null;
        try (Stream<Path> runs = Files.list(OUT)) {
            for (Path run : runs.filter(p -> Files.exists(p.resolve("summary.json"))).toList()) {
                JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
                if (inputName.equals(summary.at("/input/name").asText())) return summary;
            }
        }
        return null;
    }

    private static long runsOf(String inputName) throws IOException {
        try (Stream<Path> runs = Files.list(OUT)) {
            return runs.filter(p -> Files.exists(p.resolve("summary.json"))).filter(p -> {
                try {
                    return inputName.equals(new ObjectMapper().readTree(p.resolve("summary.json").toFile()).at("/input/name").asText());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).count();
        }
    }
}
