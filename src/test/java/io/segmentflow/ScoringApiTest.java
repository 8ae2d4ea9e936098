package io.segmentflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmentflow.demo.DemoCustomerGenerator;
import io.segmentflow.model.SegmentationRun;
import io.segmentflow.score.Score;
import org.apache.camel.Exchange;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The scoring API over real HTTP (Camel Main's embedded Vert.x server on a free port): 503 before any
 * model, then the answers of a saved model, which equal the run's own assignments, and clear 4xx
 * answers for malformed JSON, missing, unknown and ill-typed fields; the scoring inbox and
 * direct:score give the same scores.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScoringApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path tmp;
    static Launcher service;
    static String base;

    @BeforeAll
    static void startTheService() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        base = "http://localhost:" + port;
        // The build switches both off for every test by system property (pom.xml), which outranks
        // overrides; this test switches them on the same way, and back in stop().
        System.setProperty("segmentation.api.enabled", "true");
        System.setProperty("segmentation.score.inbox-enabled", "true");
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("segmentation.api.port", Integer.toString(port));
        overrides.put("segmentation.api.host", "localhost");
        overrides.put("segmentation.inbox.enabled", "false");
        overrides.put("segmentation.score.inbox-dir", tmp.resolve("score-inbox").toString());
        overrides.put("segmentation.score.out-dir", tmp.resolve("score-out").toString());
        overrides.put("segmentation.inbox.poll-delay-ms", "100");
        overrides.put("segmentation.inbox.stable-ms", "200");
        overrides.put("segmentation.inbox.stable-check-ms", "100");
        overrides.put("segmentation.output.dir", tmp.resolve("out").toString());
        overrides.put("segmentation.report.enabled", "false");
        overrides.put("segmentation.stability.resamples", "0");
        service = Launcher.start(overrides);
    }

    @AfterAll
    static void stop() {
        System.setProperty("segmentation.api.enabled", "false");
        System.setProperty("segmentation.score.inbox-enabled", "false");
        if (service != null) service.close();
    }

    @Test
    @Order(1)
    void withoutAModelTheApiAnswers503() throws Exception {
        HttpResponse<String> score = post("[]");
        assertEquals(503, score.statusCode());
        assertTrue(JSON.readTree(score.body()).get("error").asText().contains("no model"), score.body());
        assertEquals(503, get("/api/segments").statusCode());
    }

    @Test
    @Order(2)
    void scoresEqualTheAssignmentsOfTheRunThatSavedTheModel() throws Exception {
        Path run = segmentDemoCustomers();
        Map<String, CSVRecord> assigned = new LinkedHashMap<>();
        csv(run.resolve("assignments.csv")).forEach(r -> assigned.put(r.get("customer_id"), r));
        List<Map<String, Object>> customers = customers(tmp.resolve("customers.csv"), assigned.keySet(), 500);

        HttpResponse<String> reply = post(JSON.writeValueAsString(customers));
        assertEquals(200, reply.statusCode(), reply.body());
        assertTrue(reply.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode scores = JSON.readTree(reply.body());
        assertEquals(customers.size(), scores.size());
        for (JsonNode s : scores) {
            CSVRecord expected = assigned.get(s.get("customer_id").asText());
            assertEquals(expected.get("segment_id"), s.get("segment_id").asText());
            assertEquals(expected.get("segment_name"), s.get("segment_name").asText());
            assertEquals(Double.parseDouble(expected.get("distance")), s.get("distance").asDouble(), 0.0);
        }

        JsonNode segments = JSON.readTree(get("/api/segments").body());
        assertEquals(Files.readString(tmp.resolve("models/current")).trim(), segments.get("model").asText());
        assertEquals(4, segments.get("segments").size());
        assertTrue(segments.get("segments").get(0).has("recommendation"));

        // direct:score, for other flows in the same ESB: the same answers
        @SuppressWarnings("unchecked")
        List<Score> direct = service.context().createProducerTemplate().requestBody("direct:score", customers, List.class);
        assertEquals(scores.get(7).get("segment_id").asInt(), direct.get(7).segmentId());
        assertEquals(scores.get(7).get("distance").asDouble(), direct.get(7).distance(), 0.0);
    }

    @Test
    @Order(3)
    void badRequestsGetClear400s() throws Exception {
        String valid = "{\"customer_id\":\"X1\",\"total_spent\":120.5,\"purchase_count\":3,\"avg_session_time\":7.5,"
                + "\"last_purchase_date\":\"2025-05-01\"}";
        assertEquals(200, post("[" + valid + "]").statusCode());
        assertRejected(post("[{\"customer_id\": \"X1\", "), "not valid JSON");
        assertRejected(post("{\"customer_id\": \"X1\"}"), "must be a JSON array");
        assertRejected(post("[" + valid.replace(",\"purchase_count\":3", "") + "]"), "lacks purchase_count");
        assertRejected(post("[" + valid.replace("}", ",\"loyalty\":1}") + "]"), "unknown field 'loyalty'");
        assertRejected(post("[" + valid.replace("120.5", "\"lots\"") + "]"), "total_spent must be a number");
        assertRejected(post("[" + valid.replace("2025-05-01", "2025-02-30") + "]"), "last_purchase_date must be a date");
        assertRejected(post("[" + valid.replace("120.5", "-3") + "]"), "must not be negative");
        assertRejected(post(""), "empty");
        HttpResponse<String> wrongMethod = get("/api/score");
        assertEquals(405, wrongMethod.statusCode());
        JsonNode openApi = JSON.readTree(get("/api/openapi.json").body());
        assertEquals("3.0.3", openApi.get("openapi").asText());
        assertTrue(openApi.get("paths").has("/api/score"));
    }

    @Test
    @Order(4)
    void theScoringInboxWritesOneLinePerRowWithTheSameScores() throws Exception {
        Path inbox = Files.createDirectories(tmp.resolve("score-inbox"));
        Path staged = tmp.resolve("new.csv.part");
        Files.writeString(staged, """
                customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date
                N1,120.5,3,7.5,2025-05-01
                N2,,3,7.5,2025-05-01
                N3,900,30,25,2025-06-20
                """, StandardCharsets.UTF_8);
        Files.move(staged, inbox.resolve("new.csv"));
        Path out = tmp.resolve("score-out/new-scored.csv");
        await().atMost(30, TimeUnit.SECONDS).until(() -> Files.exists(out));
        List<CSVRecord> rows = csv(out);
        assertEquals(List.of("N1", "N2", "N3"), rows.stream().map(r -> r.get("customer_id")).toList());
        assertEquals("total_spent is missing", rows.get(1).get("error"));
        JsonNode api = JSON.readTree(post("[{\"customer_id\":\"N3\",\"total_spent\":900,\"purchase_count\":30,"
                + "\"avg_session_time\":25,\"last_purchase_date\":\"2025-06-20\"}]").body()).get(0);
        assertEquals(api.get("segment_id").asText(), rows.get(2).get("segment_id"));
        assertEquals(api.get("distance").asDouble(), Double.parseDouble(rows.get(2).get("distance")), 0.0);
        await().atMost(10, TimeUnit.SECONDS).until(() -> Files.exists(inbox.resolve(".done/new.csv")));
    }

    private static Path segmentDemoCustomers() throws Exception {
        Path file = tmp.resolve("customers.csv");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new DemoCustomerGenerator(3).write(w, 3000, 4);
        }
        Exchange done = service.context().createProducerTemplate().request("direct:ingest-file", e -> {
            e.getMessage().setBody(file.toFile());
            e.getMessage().setHeader(Exchange.FILE_NAME, "customers.csv");
        });
        if (done.getException() != null) throw done.getException();
        return done.getMessage().getBody(SegmentationRun.class).outputDir();
    }

    /** The first {@code limit} complete rows of the input that the run assigned, as API customers. */
    private static List<Map<String, Object>> customers(Path file, java.util.Set<String> assigned, int limit) throws IOException {
        List<Map<String, Object>> out = new java.util.ArrayList<>();
        for (CSVRecord r : csv(file)) {
            if (out.size() == limit) break;
            if (!assigned.contains(r.get("customer_id")) || r.toList().stream().anyMatch(String::isEmpty)) continue;
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("customer_id", r.get("customer_id"));
            try {
                c.put("total_spent", Double.parseDouble(r.get("total_spent")));
                c.put("purchase_count", Double.parseDouble(r.get("purchase_count")));
                c.put("avg_session_time", Double.parseDouble(r.get("avg_session_time")));
            } catch (NumberFormatException broken) {
                continue;
            }
            c.put("last_purchase_date", r.get("last_purchase_date"));
            out.add(c);
        }
        return out;
    }

    private static void assertRejected(HttpResponse<String> reply, String expected) throws IOException {
        assertEquals(400, reply.statusCode(), reply.body());
        String error = JSON.readTree(reply.body()).get("error").asText();
        assertTrue(error.contains(expected), "'" + error + "' should say '" + expected + "'");
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/api/score")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r).getRecords();
        }
    }
}
