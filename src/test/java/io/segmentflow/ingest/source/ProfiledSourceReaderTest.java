package io.segmentflow.ingest.source;

import io.segmentflow.model.CustomerTable;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.RejectReason;
import io.segmentflow.model.RejectedRow;
import io.segmentflow.model.SegmentationRun;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The shipped profiles on committed samples of the real datasets, and detection on small made-up files. */
class ProfiledSourceReaderTest {
    static final Path SAMPLES = Path.of("src/test/resources/datasets");
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    /** The default segmentation.input.missing-values, as InputSchema.isMissing reads them. */
    static final java.util.function.Predicate<String> MISSING =
            cell -> cell.isEmpty() || Set.of("NA", "N/A", "NULL").contains(cell.toUpperCase(java.util.Locale.ROOT));

    @TempDir
    Path dir;

    /** A shipped profile's settings, with some keys replaced. */
    static SourceSettings profile(String name, String... overrides) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("config/profiles", name + ".properties"))) {
            p.load(r);
        }
        for (int i = 0; i < overrides.length; i += 2) p.setProperty(overrides[i], overrides[i + 1]);
        return SourceSettings.from(k -> Optional.ofNullable(p.getProperty(k)));
    }

    static SourceSettings settings(String... pairs) {
        Map<String, String> p = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) p.put(pairs[i], pairs[i + 1]);
        return SourceSettings.from(k -> Optional.ofNullable(p.get(k)));
    }

    static SegmentationRun read(SourceSettings settings, byte[] bytes) {
        return new ProfiledSourceReader(settings, MISSING, CLOCK).read(new ByteArrayInputStream(bytes), "input.csv", null);
    }

    static SegmentationRun read(SourceSettings settings, Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return new ProfiledSourceReader(settings, MISSING, CLOCK).read(in, file.getFileName().toString(), null);
        }
    }

    static void assertRowsConserved(SegmentationRun run) {
        assertEquals(run.rowsRead(), run.rowsLoaded() + run.quarantine().size(), "rows read = rows loaded + rows quarantined");
        var tx = run.request().facts().transactions();
        if (tx != null) {
            assertEquals(tx.read(), tx.used() + tx.quarantined(), "transactions read = used + quarantined");
            assertEquals(tx.quarantined(), tx.rejected().size());
        }
    }

    @Test
    void marketingCampaignSampleIsReadWithTabsDayFirstDatesAndImplausibleBirthYearsQuarantined() throws IOException {
        SegmentationRun run = read(profile("marketing-campaign"), SAMPLES.resolve("marketing_campaign-sample.csv"));

        assertRowsConserved(run);
        assertEquals(90, run.rowsRead());
        Map<String, String> detected = run.request().facts().detected();
        assertEquals("tab (detected)", detected.get("delimiter"));
        assertEquals("yes (detected)", detected.get("header"));
        assertTrue(detected.get("date-format customer_since").startsWith("d-M-yyyy (detected: reads all"), detected.toString());
        assertTrue(detected.get("encoding").startsWith("utf-8"), detected.toString());
        List<RejectedRow> rejected = run.quarantine().rows();
        assertEquals(Set.of("1893", "1899", "1900"), Set.copyOf(rejected.stream()
                .map(r -> r.detail().replaceAll("year_birth (\\d+) is outside.*", "$1")).toList()));
        assertTrue(rejected.stream().allMatch(r -> r.reason() == RejectReason.OUT_OF_RANGE
                && r.detail().endsWith("outside the plausible range 1920..2010")), rejected.toString());
        List<String> sample = Files.readAllLines(SAMPLES.resolve("marketing_campaign-sample.csv"));
        for (RejectedRow r : rejected) {
            assertEquals(sample.get((int) r.sourceLine() - 1), r.raw(), "rejects.csv shows the line as it was in the file");
        }

        CustomerTable table = run.table();
        // ID 5524, born 1957, customer since 04-09-2012: age against the newest customer_since year
        int first = table.customerIds().toList().indexOf("5524");
        LocalDate newest = LocalDate.ofEpochDay((long) java.util.Arrays.stream(table.dateColumn("customer_since")).max().orElseThrow());
        assertEquals(newest.getYear() - 1957, table.value("age", first));
        assertEquals(LocalDate.of(2012, 9, 4).toEpochDay(), table.value("customer_since", first));
        assertEquals(635 + 88 + 546 + 172 + 88 + 88, table.value("spending", first), "sum of the six Mnt columns");
        // one-hot: every customer is in exactly one marital-status group; junk statuses are "other"
        double[] couple = table.numericColumn("marital_status_couple");
        double[] single = table.numericColumn("marital_status_single");
        double[] other = table.numericColumn("marital_status_other");
        for (int i = 0; i < table.rows(); i++) assertEquals(1.0, couple[i] + single[i] + other[i]);
        assertTrue(run.warnings().stream().anyMatch(w -> w.contains("absurd") && w.contains("yolo")), run.warnings().toString());
        // income 666666 is clipped to the 99th percentile, and the summary says so
        assertTrue(detected.containsKey("clipped income"), detected.toString());
        assertTrue(java.util.Arrays.stream(table.numericColumn("income")).filter(v -> !Double.isNaN(v)).max().orElseThrow() < 666666);
    }

    @Test
    void onlineRetailSampleIsAggregatedPerCustomerWithCancellationsNettedAndMissingIdsQuarantined() throws IOException {
        Path sample = SAMPLES.resolve("online_retail-sample.csv");
        SegmentationRun run = read(profile("online-retail"), sample);

        assertRowsConserved(run);
        Map<String, String> detected = run.request().facts().detected();
        assertEquals("windows-1252 (detected: the bytes are not UTF-8)", detected.get("encoding"));
        assertEquals("comma (detected)", detected.get("delimiter"));
        var tx = run.request().facts().transactions();
        assertEquals(423, tx.read());
        assertEquals(Map.of("missing-customer-id", 6, "negative-value", 0).entrySet().stream()
                .filter(e -> e.getValue() > 0).collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)),
                tx.reasons(), "the six rows without a CustomerID (the bad-debt adjustments among them) and nothing else");
        assertTrue(tx.rejected().stream().allMatch(r -> r.detail().equals("no CustomerID")));

        // The same figures, computed plainly from the sample: orders are distinct non-C invoices,
        // monetary is the sum of quantity x price over all rows, cancellations included.
        Map<String, Set<String>> orders = new HashMap<>();
        Map<String, Double> monetary = new HashMap<>();
        try (Reader r = Files.newBufferedReader(sample, Charset.forName("windows-1252"))) {
            for (CSVRecord record : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                String id = record.get("CustomerID");
                if (id.isEmpty()) continue;
                monetary.merge(id, Double.parseDouble(record.get("Quantity")) * Double.parseDouble(record.get("UnitPrice")), Double::sum);
                orders.computeIfAbsent(id, k -> new HashSet<>());
                if (!record.get("InvoiceNo").startsWith("C")) orders.get(id).add(record.get("InvoiceNo"));
            }
        }
        CustomerTable table = run.table();
        assertEquals(orders.size(), tx.customers());
        Set<String> withoutOrders = new HashSet<>();
        orders.forEach((id, invoices) -> { if (invoices.isEmpty()) withoutOrders.add(id); });
        assertEquals(withoutOrders, Set.copyOf(run.quarantine().rows().stream()
                .filter(r -> r.reason() == RejectReason.NO_ORDERS).map(RejectedRow::customerId).toList()));
        assertTrue(withoutOrders.contains("12472"), "12472 has only cancellations in the sample");
        for (int i = 0; i < table.rows(); i++) {
            String id = table.customerId(i);
            assertEquals(orders.get(id).size(), table.value("frequency", i), "frequency of " + id);
            assertEquals(monetary.get(id), table.value("monetary", i), 1e-6, "monetary of " + id);
            assertEquals(table.value("monetary", i) / table.value("frequency", i), table.value("avg_order_value", i), 1e-9);
            assertTrue(table.value("last_order", i) >= table.value("first_order", i));
        }
    }

    @Test
    void aGzipFileIsReadDirectlyWithTheSameResult() throws IOException {
        byte[] plain = Files.readAllBytes(SAMPLES.resolve("online_retail-sample.csv"));
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(plain);
        }
        SegmentationRun fromPlain = read(profile("online-retail"), plain);
        SegmentationRun fromGzip = read(profile("online-retail"), gz.toByteArray());

        assertEquals("gzip (detected)", fromGzip.request().facts().detected().get("compression"));
        assertEquals(fromPlain.table(), fromGzip.table());
        assertEquals(fromPlain.quarantine(), fromGzip.quarantine());
    }

    @Test
    void mallAndWholesaleSamplesKeepZeroPaddedIdsAndNumberRowsWithoutAnId() throws IOException {
        SegmentationRun mall = read(profile("mall-customers"), SAMPLES.resolve("Mall_Customers-sample.csv"));
        assertRowsConserved(mall);
        assertEquals(40, mall.rowsLoaded());
        assertEquals("0001", mall.table().customerId(0));
        assertEquals(15, mall.table().value("income", 0), "Annual Income (k$) of 0001");
        assertEquals(39, mall.table().value("spending_score", 0));
        assertEquals(1, mall.table().value("gender_male", 0));

        SegmentationRun wholesale = read(profile("wholesale-customers"), SAMPLES.resolve("Wholesale_customers_data-sample.csv"));
        assertRowsConserved(wholesale);
        assertEquals(60, wholesale.rowsLoaded());
        assertEquals("1", wholesale.table().customerId(0));
        assertEquals(12669, wholesale.table().value("fresh", 0));
        assertEquals(1, wholesale.table().value("channel_retail", 0), "channel 2 is retail");
        assertEquals(1, wholesale.table().value("region_other", 0), "region 3 is other");
        assertEquals(7561.0 / (12669 + 9656 + 7561 + 214 + 2674 + 1338), wholesale.table().value("grocery_share", 0), 1e-12);
    }

    @Test
    void detectsSemicolonPipeAndWhitespaceAlignedColumns() {
        String[][] files = {
                {"semicolon", "id;spend;visits\r\n1;10.5;3\r\n2;20;4\r\n"},
                {"pipe", "id|spend|visits\n1|10.5|3\n2|20|4\n"},
                {"whitespace-aligned columns", "id    spend  visits\n1      10.5       3\n2        20       4\n"}};
        for (String[] file : files) {
            SegmentationRun run = read(settings("segmentation.source.kind", "customers", "segmentation.source.id-column", "id",
                    "segmentation.source.numeric-columns", "spend,visits"), file[1].getBytes(StandardCharsets.UTF_8));
            assertEquals(file[0] + " (detected)", run.request().facts().detected().get("delimiter"));
            assertArrayEquals(new double[] {10.5, 20}, run.table().numericColumn("spend"), file[0]);
            assertArrayEquals(new double[] {3, 4}, run.table().numericColumn("visits"), file[0]);
        }
    }

    @Test
    void readsUtf8WithAByteOrderMarkAndWindows1252WhenTheBytesAreNotUtf8() {
        SourceSettings s = settings("segmentation.source.kind", "customers", "segmentation.source.id-column", "id",
                "segmentation.source.numeric-columns", "spend", "segmentation.source.categorical-columns", "city");
        byte[] bom = "\uFEFFid,city,spend\n1,Zürich,5\n2,Köln,6\n".getBytes(StandardCharsets.UTF_8);
        SegmentationRun utf8 = read(s, bom);
        assertEquals("utf-8 (byte order mark)", utf8.request().facts().detected().get("encoding"));
        assertEquals(List.of("1", "2"), utf8.table().customerIds().toList(), "the id column is found despite the mark");
        assertEquals(List.of("city_köln", "city_zürich"), utf8.table().numericNames().stream().filter(n -> n.startsWith("city_")).sorted().toList());

        byte[] cp1252 = "id,city,spend\n1,K\u00f6ln,5\n2,K\u00f6ln,6\n".getBytes(Charset.forName("windows-1252"));
        SegmentationRun windows = read(s, cp1252);
        assertEquals("windows-1252 (detected: the bytes are not UTF-8)", windows.request().facts().detected().get("encoding"));
        assertEquals(1.0, windows.table().value("city_köln", 0), "ö decoded as Windows-1252 makes one category");
    }

    @Test
    void anExplicitProfileSettingWinsOverDetection() {
        byte[] cp1252 = "id,city,spend\n1,K\u00f6ln,5\n".getBytes(Charset.forName("windows-1252"));
        SegmentationRun run = read(settings("segmentation.source.kind", "customers", "segmentation.source.id-column", "id",
                "segmentation.source.numeric-columns", "spend", "segmentation.source.encoding", "utf-8",
                "segmentation.source.delimiter", "comma", "segmentation.source.header", "true"), cp1252);
        Map<String, String> detected = run.request().facts().detected();
        assertEquals("utf-8 (profile)", detected.get("encoding"));
        assertEquals("comma (profile)", detected.get("delimiter"));
        assertEquals("yes (profile)", detected.get("header"));
    }

    @Test
    void theConfiguredMissingValueWordsMarkGapsInAProfiledFileToo() {
        SourceSettings s = settings("segmentation.source.kind", "customers", "segmentation.source.id-column", "id",
                "segmentation.source.numeric-columns", "spend", "segmentation.source.delimiter", "comma",
                "segmentation.source.header", "true");
        byte[] file = "id,spend\n1,5\n2,?\n3,7\n".getBytes(StandardCharsets.UTF_8);

        SegmentationRun questionMarkIsMissing = new ProfiledSourceReader(s, cell -> cell.isEmpty() || cell.equals("?"), CLOCK)
                .read(new ByteArrayInputStream(file), "input.csv", null);
        assertEquals(3, questionMarkIsMissing.rowsLoaded());
        assertTrue(Double.isNaN(questionMarkIsMissing.table().value("spend", 1)), "'?' is a gap, left to imputation");

        SegmentationRun defaults = read(s, file);
        assertEquals(2, defaults.rowsLoaded(), "with the default words '?' is not a number: the row is quarantined");
    }

    @Test
    void aFileWithoutAHeaderIsReadByColumnPosition() {
        byte[] file = "C-1,120.5,20240131\nC-2,80,20240215\n".getBytes(StandardCharsets.UTF_8);
        SegmentationRun run = read(settings("segmentation.source.kind", "customers", "segmentation.source.id-column", "#1",
                "segmentation.source.numeric-columns", "spend=#2", "segmentation.source.date-columns", "last=#3"), file);
        Map<String, String> detected = run.request().facts().detected();
        assertEquals("no (detected)", detected.get("header"));
        assertTrue(detected.get("date-format last").startsWith("yyyyMMdd"), detected.toString());
        assertEquals(List.of("C-1", "C-2"), run.table().customerIds().toList());
        assertEquals(LocalDate.of(2024, 2, 15).toEpochDay(), run.table().value("last", 1));
        assertEquals(2, run.rowsRead(), "the first line is data");
    }

    @Test
    void anAmbiguousDateFormatIsReportedAndResolvedAsConfigured() {
        String csv = "id,spend,last\n1,5,03/04/2024\n2,6,05/06/2024\n";
        SourceSettings monthFirst = settings("segmentation.source.kind", "customers", "segmentation.source.id-column", "id",
                "segmentation.source.numeric-columns", "spend", "segmentation.source.date-columns", "last",
                "segmentation.source.ambiguous-dates", "month-first");
        SegmentationRun run = read(monthFirst, csv.getBytes(StandardCharsets.UTF_8));
        String note = run.request().facts().detected().get("date-format last");
        assertTrue(note.startsWith("M/d/yyyy (AMBIGUOUS"), note);
        assertEquals(LocalDate.of(2024, 3, 4).toEpochDay(), run.table().value("last", 0));

        SegmentationRun unambiguous = read(monthFirst, "id,spend,last\n1,5,31/01/2024\n".getBytes(StandardCharsets.UTF_8));
        assertTrue(unambiguous.request().facts().detected().get("date-format last").startsWith("d/M/yyyy (detected: reads all 1"),
                "a day above 12 settles it, whatever the preference");
    }

    @Test
    void badCellsAreQuarantinedWithTheirReasonAndNothingIsLost() {
        String csv = "invoice,customer,qty,price,date\n"
                + "1,A,2,3.5,2024-01-02\n"      // used
                + "1,A,1,1,2024-01-02\n"        // used, same order
                + "2,,1,1,2024-01-03\n"         // no customer
                + "3,B,x,1,2024-01-03\n"        // quantity not a number
                + "4,B,1,1,2024-13-03\n"        // invalid date
                + "5,B,-1,2,2024-01-04\n"       // negative quantity outside a cancellation
                + "C6,A,-1,3.5,2024-01-05\n"    // cancellation: netted
                + "7,B,1,-5,2024-01-05\n"       // negative price
                + "8,B,3,2,2024-01-06\n";       // used
        SourceSettings s = settings("segmentation.source.kind", "transactions", "segmentation.source.id-column", "customer",
                "segmentation.source.invoice-column", "invoice", "segmentation.source.quantity-column", "qty",
                "segmentation.source.price-column", "price", "segmentation.source.transaction-date-column", "date",
                "segmentation.source.cancellation-prefix", "C");
        SegmentationRun run = read(s, csv.getBytes(StandardCharsets.UTF_8));

        assertRowsConserved(run);
        var tx = run.request().facts().transactions();
        assertEquals(9, tx.read());
        assertEquals(4, tx.used());
        assertEquals(Map.of("missing-customer-id", 1, "not-a-number", 1, "invalid-date", 1, "negative-value", 2), tx.reasons());
        assertEquals(List.of(4L, 5L, 6L, 7L, 9L), tx.rejected().stream().map(RejectedRow::sourceLine).sorted().toList());
        assertEquals(1, tx.cancellations());
        CustomerTable t = run.table();
        assertEquals(List.of("A", "B"), t.customerIds().toList());
        assertEquals(1, t.value("frequency", 0), "the cancellation is not an order");
        assertEquals(2 * 3.5 + 1 - 3.5, t.value("monetary", 0), 1e-12, "the cancellation is netted");
        assertEquals(LocalDate.of(2024, 1, 2).toEpochDay(), t.value("last_order", 0), "a cancellation is not a purchase date");

        SegmentationRun returns = read(settings("segmentation.source.kind", "transactions", "segmentation.source.id-column", "customer",
                "segmentation.source.invoice-column", "invoice", "segmentation.source.quantity-column", "qty",
                "segmentation.source.price-column", "price", "segmentation.source.transaction-date-column", "date",
                "segmentation.source.cancellation-prefix", "C", "segmentation.source.negative-quantity", "net",
                "segmentation.source.cancellations", "quarantine"), csv.getBytes(StandardCharsets.UTF_8));
        assertEquals(Map.of("missing-customer-id", 1, "not-a-number", 1, "invalid-date", 1, "negative-value", 1, "cancellation", 1),
                returns.request().facts().transactions().reasons());
        assertEquals(3 * 2 - 1 * 2, returns.table().value("monetary", 1), 1e-12, "B's return is netted");
    }

    @Test
    void aMissingColumnRejectsTheFileNamingTheColumnsFound() {
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> read(settings("segmentation.source.kind", "customers",
                "segmentation.source.id-column", "customer", "segmentation.source.numeric-columns", "spend"),
                "id,spend\n1,2\n".getBytes(StandardCharsets.UTF_8)));
        assertEquals("segmentation.source.id-column: column 'customer' is missing; found: id, spend", e.getMessage());
    }
}
