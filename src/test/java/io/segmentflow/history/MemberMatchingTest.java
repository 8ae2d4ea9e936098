package io.segmentflow.history;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import io.segmentflow.model.CustomerIds;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** A saved run's members are matched to this run's customers by id, whatever the ids hold. */
class MemberMatchingTest {
    @TempDir
    Path tmp;

    private Path members(Map<String, Integer> segmentOf) throws IOException {
        Path file = tmp.resolve("members-" + segmentOf.size() + "-" + segmentOf.hashCode() + ".csv");
        try (CSVPrinter out = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8),
                CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get())) {
            out.printRecord("customer_id", "segment_id");
            for (var e : segmentOf.entrySet()) out.printRecord(e.getKey(), e.getValue());
        }
        return file;
    }

    private static int[] expected(Map<String, Integer> segmentOf, String[] now) {
        int[] out = new int[now.length];
        for (int i = 0; i < now.length; i++) out[i] = segmentOf.getOrDefault(now[i], 0);
        return out;
    }

    @Test
    void matchesPlainIdsAndLeavesNewCustomersAtZero() throws IOException {
        Random random = new Random(3);
        Map<String, Integer> before = new LinkedHashMap<>();
        for (int i = 0; i < 200_000; i++) before.put("C" + i, 1 + random.nextInt(6));
        String[] now = new String[150_000];
        for (int i = 0; i < now.length; i++) now[i] = "C" + (i * 2 + random.nextInt(2)); // some gone, some new
        now[0] = "C"; // a prefix of every id, in no previous run
        now[1] = "Aa"; // shares its hashCode with "BB"
        before.put("BB", 4);
        assertArrayEquals(expected(before, now), ModelStore.segmentIdsOf(members(before), CustomerIds.of(now)));
    }

    @Test
    void idsThatNeedQuotingAreMatchedToo() throws IOException {
        Map<String, Integer> before = new LinkedHashMap<>();
        List<String> odd = List.of("plain", "with,comma", "with \"quote\"", "two\nlines", " padded ", "x,", "'=1", "\u00e9t\u00e9");
        for (int i = 0; i < odd.size(); i++) before.put(odd.get(i), i + 1);
        String[] now = {"two\nlines", "plain", "with,comma", "absent", "x,", " padded ", "with \"quote\"", "\u00e9t\u00e9", "'=1"};
        assertArrayEquals(expected(before, now), ModelStore.segmentIdsOf(members(before), CustomerIds.of(now)));
    }

    @Test
    void nonAsciiIdsWithoutQuotesTakeTheFastPath() throws IOException {
        Map<String, Integer> before = new LinkedHashMap<>(Map.of("caf\u00e9", 2, "\u5ba2\u6237-1", 3, "C-7", 1));
        String[] now = {"\u5ba2\u6237-1", "caf\u00e9", "cafe", "C-7"};
        assertArrayEquals(expected(before, now), ModelStore.segmentIdsOf(members(before), CustomerIds.of(now)));
    }
}
