package io.segmentflow.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AdjustedRandIndexTest {

    @Test
    void matchesScikitLearnOnTheReferenceLabelings() throws IOException {
        JsonNode expected;
        try (InputStream in = resource("expected.json")) {
            expected = new ObjectMapper().readTree(in).get("adjustedRand");
        }
        List<CSVRecord> rows;
        try (CSVParser parser = CSVParser.parse(new InputStreamReader(resource("features.csv"), StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get())) {
            rows = parser.getRecords();
        }
        assertEquals(3000, rows.size());
        assertEquals(2, expected.size());

        expected.fieldNames().forEachRemaining(key -> {
            String[] columns = key.split(" vs ");
            double want = expected.get(key).asDouble();
            double got = AdjustedRandIndex.of(labels(rows, columns[0]), labels(rows, columns[1]));
            assertEquals(want, got, 1e-9 * Math.abs(want), key);
        });
    }

    @Test
    void matchesScikitLearnOnItsDocumentedExamples() {
        assertEquals(1.0, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {1, 1, 0, 0}), 1e-15);
        assertEquals(0.5714285714285715, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 0, 1, 2}), 1e-15);
        assertEquals(0.5714285714285715, AdjustedRandIndex.of(new int[] {0, 0, 1, 2}, new int[] {0, 0, 1, 1}), 1e-15);
        assertEquals(0.0, AdjustedRandIndex.of(new int[] {0, 0, 0, 0}, new int[] {0, 1, 2, 3}), 1e-15);
        assertEquals(-0.5, AdjustedRandIndex.of(new int[] {0, 0, 1, 1}, new int[] {0, 1, 0, 1}), 1e-15);
    }

    @Test
    void givesOneForTheSameTrivialPartition() {
        assertEquals(1.0, AdjustedRandIndex.of(new int[] {5, 5, 5}, new int[] {2, 2, 2}));
        assertEquals(1.0, AdjustedRandIndex.of(new int[] {0, 1, 2}, new int[] {9, 8, 7}));
    }

    @Test
    void rejectsLabelingsOfDifferentLength() {
        assertThrows(IllegalArgumentException.class, () -> AdjustedRandIndex.of(new int[] {0, 1}, new int[] {0}));
    }

    private static InputStream resource(String name) {
        InputStream in = AdjustedRandIndexTest.class.getResourceAsStream("/reference/" + name);
        if (in == null) throw new IllegalStateException("missing test resource reference/" + name);
        return in;
    }

    /** A column's labels as ints (true_segment holds names). */
    private static int[] labels(List<CSVRecord> rows, String column) {
        Map<String, Integer> ids = new HashMap<>();
        return rows.stream().mapToInt(r -> ids.computeIfAbsent(r.get(column), k -> ids.size())).toArray();
    }
}
