package io.segmentflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The four shipped profiles on the full public datasets in ../shared/data (or
 * -Dsegmentflow.shared-data=DIR), end to end through segment and through the inbox. Skipped with a
 * message where the files are absent (as on CI, where ../shared/data may not exist).
 */
class SharedDatasetsTest {
    static final Path DATA = Path.of(System.getProperty("segmentflow.shared-data", "../shared/data"));
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @BeforeEach
    void dataIsPresent() {
        assumeTrue(Files.isRegularFile(DATA.resolve("Online_Retail.csv.gz")),
                "skipped: the shared datasets are not in " + DATA.toAbsolutePath() + " (set -Dsegmentflow.shared-data=DIR)");
    }

    private String stdout;

    private JsonNode segment(String file, String profile) throws IOException {
        Path out = dir.resolve(profile);
        CommandLine result = CommandLine.run("segment", DATA.resolve(file).toString(), "--profile", profile, "--out", out.toString(),
                "--no-report");
        assertEquals(0, result.exitCode(), result.stderr());
        stdout = result.stdout();
        return JSON.readTree(out.resolve("summary.json").toFile());
    }

    private static void assertRowsConserved(JsonNode summary) {
        JsonNode input = summary.get("input");
        assertEquals(input.get("rowsRead").asLong(), input.get("rowsLoaded").asLong() + input.get("rowsQuarantined").asLong());
        long byReason = 0;
        for (JsonNode n : input.get("quarantineReasons")) byReason += n.asLong();
        assertEquals(input.get("rowsQuarantined").asLong(), byReason, "every quarantined row has a reason");
        JsonNode tx = input.get("transactions");
        if (tx != null) {
            assertEquals(tx.get("read").asLong(), tx.get("used").asLong() + tx.get("quarantined").asLong());
        }
    }

    private static Map<String, JsonNode> segmentsByName(JsonNode summary) {
        Map<String, JsonNode> segments = new HashMap<>();
        summary.get("segments").forEach(s -> segments.put(s.get("name").asText(), s));
        return segments;
    }

    @Test
    void onlineRetailTransactionsBecomeAboutFourThousandThreeHundredRfmCustomers() throws IOException {
        JsonNode summary = segment("Online_Retail.csv.gz", "online-retail");

        assertRowsConserved(summary);
        JsonNode input = summary.get("input");
        assertEquals("windows-1252 (detected: the bytes are not UTF-8)", input.at("/detected/encoding").asText());
        assertEquals("gzip (detected)", input.at("/detected/compression").asText());
        JsonNode tx = input.get("transactions");
        assertEquals(541_909, tx.get("read").asLong());
        assertEquals(135_080, tx.at("/quarantineReasons/missing-customer-id").asLong(), "the rows without a CustomerID");
        assertEquals(1, tx.get("quarantineReasons").size(), "and nothing else: cancellations are netted, not lost");
        assertEquals(4_372, tx.get("customers").asInt());
        assertEquals(8_905, tx.get("cancellations").asLong(), "the 9,288 C invoices less those without a customer");
        assertTrue(stdout.contains("Transactions: 541,909 read, 406,829 used, 135,080 quarantined {missing-customer-id=135080},"
                + " 8,905 cancellations, 4,372 customers"), stdout);
        long segmented = input.get("rowsLoaded").asLong();
        assertTrue(segmented > 4_250 && segmented <= 4_372, "about 4,300 customers segmented: " + segmented);
        assertEquals(List.of("recency_days", "frequency", "monetary"), List.of(JSON.convertValue(summary.get("features"), String[].class)));
        Map<String, JsonNode> segments = segmentsByName(summary);
        JsonNode champions = segments.get("Champions");
        JsonNode lost = segments.get("Lost");
        assertTrue(champions != null && lost != null, "Champions and Lost customers are found: " + segments.keySet());
        assertTrue(champions.at("/median/monetary").asDouble() > 5 * lost.at("/median/monetary").asDouble());
        assertTrue(champions.at("/median/recency_days").asDouble() < lost.at("/median/recency_days").asDouble());
    }

    @Test
    void marketingCampaignQuarantinesImplausibleBirthYearsAndFindsAffluentCustomers() throws IOException {
        JsonNode summary = segment("marketing_campaign.csv", "marketing-campaign");

        assertRowsConserved(summary);
        JsonNode input = summary.get("input");
        assertEquals(2_240, input.get("rowsRead").asLong());
        assertEquals(3, input.at("/quarantineReasons/out-of-range").asLong(), "birth years 1893, 1899 and 1900");
        assertEquals(24, input.at("/missingValuesFilled/income").asLong(), "the 24 empty incomes are imputed, not lost");
        assertEquals("tab (detected)", input.at("/detected/delimiter").asText());
        assertTrue(input.at("/detected/date-format customer_since").asText().startsWith("d-M-yyyy (detected: reads all 2240"));
        assertTrue(input.at("/detected/clipped income").asText().contains("values to ["));
        Map<String, JsonNode> segments = segmentsByName(summary);
        JsonNode affluent = segments.get("Affluent");
        JsonNode families = segments.get("Families");
        assertTrue(affluent != null && families != null, segments.keySet().toString());
        assertTrue(affluent.at("/mean/spending").asDouble() > 3 * families.at("/mean/spending").asDouble());
        assertTrue(families.at("/mean/children").asDouble() > affluent.at("/mean/children").asDouble() + 1);
    }

    @Test
    void mallCustomersFallIntoTheFiveIncomeAndSpendingGroups() throws IOException {
        JsonNode summary = segment("Mall_Customers.csv", "mall-customers");

        assertRowsConserved(summary);
        assertEquals(200, summary.at("/input/rowsLoaded").asLong());
        Map<String, JsonNode> segments = segmentsByName(summary);
        assertEquals(Map.of("Target", true, "Careful", true, "Spenders", true, "Sensible", true, "Standard", true),
                Map.of("Target", segments.containsKey("Target"), "Careful", segments.containsKey("Careful"),
                        "Spenders", segments.containsKey("Spenders"), "Sensible", segments.containsKey("Sensible"),
                        "Standard", segments.containsKey("Standard")));
        assertTrue(segments.get("Target").at("/mean/income").asDouble() > 80);
        assertTrue(segments.get("Target").at("/mean/spending_score").asDouble() > 70);
        assertTrue(segments.get("Careful").at("/mean/spending_score").asDouble() < 30);
    }

    @Test
    void wholesaleCustomersSplitIntoHorecaRetailersAndBigAccounts() throws IOException {
        JsonNode summary = segment("Wholesale_customers_data.csv", "wholesale-customers");

        assertRowsConserved(summary);
        assertEquals(440, summary.at("/input/rowsLoaded").asLong());
        Map<String, JsonNode> segments = segmentsByName(summary);
        assertTrue(segments.keySet().containsAll(List.of("Horeca", "Retailers")), segments.keySet().toString());
        assertTrue(segments.get("Retailers").at("/median/grocery").asDouble() > 3 * segments.get("Horeca").at("/median/grocery").asDouble());
        // The data's own Channel column (not clustered on) confirms it: Horeca clients are channel 1.
        Path assignments = dir.resolve("wholesale-customers/assignments.csv");
        List<String> raw = Files.readAllLines(DATA.resolve("Wholesale_customers_data.csv"));
        long horeca = 0, horecaChannel = 0;
        for (String line : Files.readAllLines(assignments).subList(1, 441)) {
            String[] cells = line.split(",");
            if (cells[2].equals("Horeca")) {
                horeca++;
                if (raw.get(Integer.parseInt(cells[0])).startsWith("1,")) horecaChannel++;
            }
        }
        assertTrue(horecaChannel >= 0.9 * horeca, horecaChannel + " of " + horeca + " Horeca clients are channel 1");
    }

    @Test
    void allFourRunThroughTheirInboxFolders() throws Exception {
        Path inbox = dir.resolve("inbox");
        Path out = dir.resolve("out");
        Map<String, String> files = Map.of("online-retail", "Online_Retail.csv.gz", "marketing-campaign", "marketing_campaign.csv",
                "mall-customers", "Mall_Customers.csv", "wholesale-customers", "Wholesale_customers_data.csv");
        Map<String, Long> rowsRead = Map.of("online-retail", 4_372L, "marketing-campaign", 2_240L, "mall-customers", 200L,
                "wholesale-customers", 440L);
        for (String profile : files.keySet()) Files.createDirectories(inbox.resolve(profile));
        Map<String, String> settings = Map.of(
                "segmentation.inbox.dir", inbox.toString(),
                "segmentation.inbox.processed-store", dir.resolve("state/processed.txt").toString(),
                "segmentation.output.dir", out.toString(),
                "segmentation.report.enabled", "false",
                "segmentation.inbox.poll-delay-ms", "200",
                "segmentation.inbox.stable-ms", "300",
                "segmentation.inbox.stable-check-ms", "100");

        try (Launcher service = Launcher.start(settings)) {
            files.forEach((profile, file) -> copy(DATA.resolve(file), inbox.resolve(profile).resolve(file)));
            await().atMost(Duration.ofMinutes(5)).until(() -> files.entrySet().stream()
                    .allMatch(e -> Files.exists(inbox.resolve(e.getKey()).resolve(".done").resolve(e.getValue()))));
        }

        List<JsonNode> summaries;
        try (Stream<Path> runs = Files.list(out)) {
            summaries = runs.filter(p -> !p.getFileName().toString().startsWith(".")).map(p -> {
                try {
                    return JSON.readTree(p.resolve("summary.json").toFile());
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        assertEquals(4, summaries.size());
        Map<String, Long> read = new HashMap<>();
        for (JsonNode s : summaries) {
            assertRowsConserved(s);
            String name = s.at("/input/name").asText();
            files.forEach((profile, file) -> { if (file.equals(name)) read.put(profile, s.at("/input/rowsRead").asLong()); });
        }
        assertEquals(rowsRead, read);
    }

    private static void copy(Path from, Path to) {
        try {
            Path temp = to.resolveSibling("." + to.getFileName() + ".part");
            Files.copy(from, temp);
            Files.move(temp, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
