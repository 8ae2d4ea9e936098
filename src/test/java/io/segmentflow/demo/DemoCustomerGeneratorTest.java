package io.segmentflow.demo;

import io.segmentflow.ingest.InputSchema;
import io.segmentflow.support.ApplicationSettings;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCustomerGeneratorTest {

    private record Demo(String csv, int[] labels) {
        static Demo of(long seed, int customers, int segments) throws IOException {
            StringWriter out = new StringWriter();
            int[] labels = new DemoCustomerGenerator(seed).write(out, customers, segments);
            return new Demo(out.toString(), labels);
        }

        List<String> lines() {
            return csv.lines().toList();
        }

        List<String[]> dataRows() {
            return lines().stream().skip(1).map(line -> line.split(",", -1)).toList();
        }
    }

    @Test
    void writesTheSameBytesForTheSameSeed() throws IOException {
        Demo first = Demo.of(7, 2000, 4);
        Demo second = Demo.of(7, 2000, 4);

        assertEquals(first.csv(), second.csv());
        assertTrue(Arrays.equals(first.labels(), second.labels()));
    }

    @Test
    void writesOtherBytesForAnotherSeed() throws IOException {
        assertNotEquals(Demo.of(7, 2000, 4).csv(), Demo.of(8, 2000, 4).csv());
    }

    @Test
    void writesExactlyTheDefaultSchemaWithoutALabelColumn() throws IOException {
        Demo demo = Demo.of(42, 500, 4);

        InputSchema schema = ApplicationSettings.inputSchema();
        assertEquals(String.join(",", schema.requiredColumns()), demo.lines().get(0));
        assertEquals("customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date", demo.lines().get(0));
        assertTrue(demo.dataRows().stream().allMatch(cells -> cells.length == 5));
    }

    @Test
    void leavesAboutTwoPercentOfValueCellsEmpty() throws IOException {
        List<String[]> rows = Demo.of(42, 10_000, 4).dataRows();

        long empty = rows.stream().flatMap(cells -> Arrays.stream(cells, 1, 5)).filter(String::isEmpty).count();
        double share = (double) empty / (rows.size() * 4L);
        assertTrue(share > 0.016 && share < 0.024, "empty value cells: " + share);
    }

    @Test
    void writesAFewBrokenRows() throws IOException {
        List<String[]> rows = Demo.of(42, 10_000, 4).dataRows();

        Set<String> seen = new HashSet<>();
        long broken = rows.stream().filter(cells -> cells[0].isEmpty() || !seen.add(cells[0])
                || cells[2].startsWith("-") || cells[1].equals("n/a?") || cells[3].equals("NaN")
                || cells[4].equals("2024-02-30")).count();
        assertTrue(broken >= 3 && broken <= 30, "broken rows: " + broken);
    }

    @Test
    void returnsOneLabelPerDataRowUsingEverySegment() throws IOException {
        Demo four = Demo.of(42, 3000, 4);
        Demo two = Demo.of(42, 3000, 2);

        assertEquals(3000, four.labels().length);
        assertEquals(four.dataRows().size(), four.labels().length);
        assertEquals(Set.of(0, 1, 2, 3), Arrays.stream(four.labels()).boxed().collect(java.util.stream.Collectors.toSet()));
        assertEquals(Set.of(0, 1), Arrays.stream(two.labels()).boxed().collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void rejectsASegmentCountWithoutArchetypes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Demo.of(1, 10, 7));
        assertTrue(e.getMessage().contains("--segments"), e.getMessage());
    }
}
