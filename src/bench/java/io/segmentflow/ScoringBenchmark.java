package io.segmentflow;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmentflow.demo.DemoCustomerGenerator;
import io.segmentflow.history.ModelStore;
import io.segmentflow.score.CustomerBatch;
import io.segmentflow.score.ScoringModel;
import io.segmentflow.score.ScoringService;

import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Not a test: how fast new customers are scored against a saved model. Segments 100,000 demo
 * customers through the real routes (which saves the model), starts the service with the API on a
 * free port, then measures one customer per request over real HTTP (latency percentiles), one
 * customer through the scoring bean without HTTP, and bulk scoring (the scorer on 1,000,000
 * customers, a 100,000-customer JSON request, a 1,000,000-row CSV file). Run with
 * {@code mvn -B -q -Pbench -DskipTests verify}.
 */
public final class ScoringBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws Exception {
        Path work = Files.createTempDirectory("segmentflow-scoring-bench");
        Path input = work.resolve("customers.csv");
        try (Writer w = Files.newBufferedWriter(input, StandardCharsets.UTF_8)) {
            new DemoCustomerGenerator(42).write(w, 100_000, 4);
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("segmentation.api.enabled", "true");
        overrides.put("segmentation.api.port", Integer.toString(port));
        overrides.put("segmentation.api.host", "localhost");
        overrides.put("segmentation.inbox.enabled", "false");
        overrides.put("segmentation.score.inbox-enabled", "false");
        overrides.put("segmentation.output.dir", work.resolve("out").toString());
        overrides.put("segmentation.database.data-dir", work.resolve("db").toString());
        overrides.put("segmentation.report.enabled", "false");
        overrides.put("segmentation.stability.resamples", "0");
        overrides.put("segmentation.database.write-back", "false");
        try (Launcher service = Launcher.start(overrides)) {
            var done = service.context().createProducerTemplate().request("direct:ingest-file", e -> {
                e.getMessage().setBody(input.toFile());
                e.getMessage().setHeader(org.apache.camel.Exchange.FILE_NAME, "customers.csv");
            });
            if (done.getException() != null) throw done.getException();
            ScoringService scoring = service.context().getRegistry().lookupByNameAndType("scoringService", ScoringService.class);
            ModelStore store = service.context().getRegistry().lookupByNameAndType("modelStore", ModelStore.class);
            ScoringModel model = new ScoringModel(store.current().orElseThrow());
            System.out.printf(Locale.ROOT, "Scoring benchmark: model %s (k = %d), %d cores%n", model.model().runId(), model.model().k(),
                    Runtime.getRuntime().availableProcessors());

            List<String> singles = new ArrayList<>();
            Random random = new Random(42);
            for (int i = 0; i < 20_000; i++) singles.add("[" + customer(random, "S" + i) + "]");

            HttpClient http = HttpClient.newHttpClient();
            URI uri = URI.create("http://localhost:" + port + "/api/score");
            for (int i = 0; i < 2_000; i++) post(http, uri, singles.get(i)); // warm-up
            long[] httpNanos = new long[5_000];
            for (int i = 0; i < httpNanos.length; i++) {
                long t0 = System.nanoTime();
                HttpResponse<String> r = post(http, uri, singles.get(2_000 + i));
                httpNanos[i] = System.nanoTime() - t0;
                if (r.statusCode() != 200) throw new IllegalStateException(r.body());
            }
            print("one customer per POST /api/score, real HTTP (keep-alive)", httpNanos);

            for (int i = 0; i < 5_000; i++) scoring.scoreRequest(singles.get(i));
            long[] beanNanos = new long[10_000];
            for (int i = 0; i < beanNanos.length; i++) {
                long t0 = System.nanoTime();
                scoring.scoreRequest(singles.get(10_000 + i));
                beanNanos[i] = System.nanoTime() - t0;
            }
            print("one customer through the scoring bean (JSON in and out, no HTTP)", beanNanos);

            CustomerBatch million = batch(random, 1_000_000);
            model.score(million);
            long t0 = System.nanoTime();
            model.score(million);
            rate("bulk: the scorer on 1,000,000 customers (features, scaling, nearest centroid)", 1_000_000, System.nanoTime() - t0);

            StringBuilder json = new StringBuilder("[");
            for (int i = 0; i < 100_000; i++) json.append(i == 0 ? "" : ",").append(customer(random, "B" + i));
            String body = json.append(']').toString();
            scoring.scoreRequest(body);
            t0 = System.nanoTime();
            int status = scoring.scoreRequest(body).status();
            rate("bulk: one 100,000-customer JSON request (parse, score, answer; status " + status + ")", 100_000, System.nanoTime() - t0);

            StringWriter csv = new StringWriter();
            new DemoCustomerGenerator(7).write(csv, 1_000_000, 4);
            byte[] bytes = csv.toString().getBytes(StandardCharsets.UTF_8);
            scoring.scoreFile(new ByteArrayInputStream(bytes), "warm-up.csv");
            t0 = System.nanoTime();
            scoring.scoreFile(new ByteArrayInputStream(bytes), "million.csv");
            rate("bulk: a 1,000,000-row CSV file as the scoring inbox reads it (read, score, write CSV)", 1_000_000,
                    System.nanoTime() - t0);
        }
    }

    private static HttpResponse<String> post(HttpClient http, URI uri, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String customer(Random r, String id) throws Exception {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("customer_id", id);
        c.put("total_spent", Math.round(r.nextDouble() * 300000) / 100.0);
        c.put("purchase_count", 1 + r.nextInt(40));
        c.put("avg_session_time", Math.round(r.nextDouble() * 400) / 10.0);
        c.put("last_purchase_date", java.time.LocalDate.of(2025, 6, 30).minusDays(r.nextInt(900)).toString());
        return JSON.writeValueAsString(c);
    }

    private static CustomerBatch batch(Random r, int n) {
        List<String> ids = new ArrayList<>(n);
        double[] spent = new double[n], count = new double[n], session = new double[n], date = new double[n];
        long last = java.time.LocalDate.of(2025, 6, 30).toEpochDay();
        for (int i = 0; i < n; i++) {
            ids.add("M" + i);
            spent[i] = r.nextDouble() * 3000;
            count[i] = 1 + r.nextInt(40);
            session[i] = r.nextDouble() * 40;
            date[i] = last - r.nextInt(900);
        }
        return new CustomerBatch(ids, Map.of("total_spent", spent, "purchase_count", count, "avg_session_time", session),
                Map.of("last_purchase_date", date));
    }

    private static void print(String what, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(Locale.ROOT, "%s: median %.3f ms, p99 %.3f ms, max %.3f ms (%,d requests)%n", what,
                sorted[sorted.length / 2] / 1e6, sorted[(int) (sorted.length * 0.99)] / 1e6, sorted[sorted.length - 1] / 1e6,
                sorted.length);
    }

    private static void rate(String what, int customers, long nanos) {
        System.out.printf(Locale.ROOT, "%s: %.0f ms, %,.0f customers/s%n", what, nanos / 1e6, customers / (nanos / 1e9));
    }
}
