package io.segmentflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's worked profile example, copied from the README itself, works as the README says. */
class ReadmeProfileExampleTest {
    @TempDir
    Path dir;

    private Path profileFromReadme() throws IOException {
        String readme = Files.readString(Path.of("README.md"));
        int example = readme.indexOf("### Worked example");
        int start = readme.indexOf("```properties\n", example) + "```properties\n".length();
        int end = readme.indexOf("```", start);
        assertTrue(example > 0 && start > example && end > start, "the README has the worked example");
        return Files.writeString(dir.resolve("shop-orders.properties"), readme.substring(start, end));
    }

    /** Seeded orders for 300 customers; every 15th order is followed by a refund of one item. */
    private Path orders(boolean decimalComma, int[] counts) throws IOException {
        Random random = new Random(5);
        DateTimeFormatter format = DateTimeFormatter.ofPattern("dd.MM.yyyy", Locale.ROOT);
        StringBuilder out = new StringBuilder("Order;Customer;Items;Price;Date;Channel\r\n");
        int order = 1000;
        for (int c = 0; c < 300; c++) {
            int orders = 1 + random.nextInt(c % 3 == 0 ? 12 : 3);
            LocalDate last = LocalDate.of(2024, 12, 31).minusDays(random.nextInt(c % 2 == 0 ? 30 : 400));
            for (int o = 0; o < orders; o++) {
                LocalDate day = last.minusDays(o * 20L);
                String price = String.format(Locale.ROOT, "%.2f", 5 + random.nextInt(50) + 0.9);
                if (decimalComma) price = price.replace('.', ',');
                out.append("A-").append(++order).append(";K").append(c).append(';').append(1 + random.nextInt(4)).append(';')
                        .append(price).append(';').append(format.format(day)).append(";web\r\n");
                counts[0]++;
                if (order % 15 == 0) {
                    out.append("R-").append(order).append(";K").append(c).append(";-1;").append(price).append(';')
                            .append(format.format(day.plusDays(2).isAfter(last) ? day : day.plusDays(2))).append(";web\r\n");
                    counts[0]++;
                    counts[1]++;
                }
            }
        }
        return Files.writeString(dir.resolve("orders.txt"), out, StandardCharsets.UTF_8);
    }

    @Test
    void theWorkedExampleProfileSegmentsAShopsOrders() throws IOException {
        int[] counts = new int[2];
        Path orders = orders(false, counts);
        Path out = dir.resolve("shop");

        CommandLine result = CommandLine.run("segment", orders.toString(), "--config", profileFromReadme().toString(),
                "--out", out.toString(), "--no-report");

        assertEquals(0, result.exitCode(), result.stderr());
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertEquals("semicolon (detected)", summary.at("/input/detected/delimiter").asText());
        assertTrue(summary.at("/input/detected/date-format date").asText().startsWith("d.M.yyyy (detected: reads all"),
                summary.at("/input/detected").toString());
        assertEquals(counts[0], summary.at("/input/transactions/read").asInt());
        assertEquals(counts[0], summary.at("/input/transactions/used").asInt(), "every row is usable");
        assertEquals(counts[1], summary.at("/input/transactions/cancellations").asInt(), "the R- refunds");
        assertEquals(300, summary.at("/input/transactions/customers").asInt());
        assertEquals("[\"recency_days\",\"frequency\",\"monetary\",\"tenure_days\"]", summary.at("/features").toString());
        assertEquals(3, summary.at("/segments").size());
        // the profile's names; a second segment that fits no rule is "Regular 2"
        summary.at("/segments").forEach(s -> assertTrue(s.get("name").asText().matches("(Best|Lapsed|Regular)( \\d)?"),
                s.get("name").asText()));
    }

    @Test
    void decimalCommasRejectTheFileWithTheFirstReason() throws IOException {
        Path orders = orders(true, new int[2]);

        CommandLine result = CommandLine.run("segment", orders.toString(), "--config", profileFromReadme().toString(),
                "--out", dir.resolve("shop").toString(), "--no-report");

        assertEquals(3, result.exitCode());
        String firstLine = result.stderr().lines().findFirst().orElse("");
        assertTrue(firstLine.matches("segmentflow: orders.txt rejected: none of the \\d+ rows can be used; the first, line 2:"
                + " Price is not a number \\('\\d+,90'\\)"), firstLine);
    }
}
