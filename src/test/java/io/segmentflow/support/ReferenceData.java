package io.segmentflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmentflow.model.FeatureMatrix;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The scikit-learn reference in src/test/resources/reference/ (see the README there). */
public final class ReferenceData {
    public static final List<String> FEATURES = List.of("total_spent", "purchase_count", "avg_session_time", "recency_days");
    private static final List<CSVRecord> ROWS = load();

    private ReferenceData() {
    }

    public static FeatureMatrix features() {
        double[] values = new double[ROWS.size() * FEATURES.size()];
        String[] ids = new String[ROWS.size()];
        for (int i = 0; i < ROWS.size(); i++) {
            ids[i] = ROWS.get(i).get("customer_id");
            for (int j = 0; j < FEATURES.size(); j++) values[i * FEATURES.size() + j] = Double.parseDouble(ROWS.get(i).get(FEATURES.get(j)));
        }
        return new FeatureMatrix(ids, FEATURES, values);
    }

    /** A label column as 0-based integers in order of first appearance. */
    public static int[] labels(String column) {
        Map<String, Integer> ids = new HashMap<>();
        return ROWS.stream().mapToInt(r -> ids.computeIfAbsent(r.get(column), v -> ids.size())).toArray();
    }

    public static JsonNode expected() {
        try (InputStream in = resource("expected.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<CSVRecord> load() {
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(resource("features.csv"), StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream resource(String name) {
        InputStream in = ReferenceData.class.getResourceAsStream("/reference/" + name);
        if (in == null) throw new IllegalStateException("missing test resource reference/" + name);
        return in;
    }
}
