package io.segmentflow.deliver;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The line builder claims to write exactly what CSVPrinter writes with the writer's format. */
class CsvLineBuilderTest {
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();
    private static final String[] ODD = {"", " ", "a b", "a ", " a", "#x", "!x", "\"", "a\"b", "a,b", "a\nb", "a\rb", "\t",
            "'=HYPERLINK(1)", "'-17", "'+4411", "'@home", "x#", "$5", "%", "~", "}", "\u00e9t\u00e9", "\u00a0", "\u2028",
            "\uD83D\uDE00", "C1000", "-0.5", "1.0E-5", "2024-01-05", "High-Value", "Regular 2", "\\", "a\\b", ";", "|"};

    private static String withPrinter(List<List<String>> rows) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (CSVPrinter printer = new CSVPrinter(new OutputStreamWriter(bytes, StandardCharsets.UTF_8), CSV)) {
            for (List<String> row : rows) printer.printRecord(row);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static String withBuilder(List<List<String>> rows) {
        CsvLineBuilder builder = new CsvLineBuilder(CSV, 16);
        for (List<String> row : rows) {
            row.forEach(builder::cell);
            builder.endRecord();
        }
        return new String(builder.bytes(), 0, builder.length(), StandardCharsets.UTF_8);
    }

    @Test
    void writesEveryOddCellExactlyAsCsvPrinterInEveryPosition() throws Exception {
        List<List<String>> rows = new ArrayList<>();
        for (String odd : ODD) {
            rows.add(List.of(odd));
            rows.add(List.of(odd, "x"));
            rows.add(List.of("x", odd));
            rows.add(List.of("x", odd, "y"));
        }
        assertEquals(withPrinter(rows), withBuilder(rows));
    }

    @Test
    void writesRandomPrintableCellsExactlyAsCsvPrinter() throws Exception {
        Random random = new Random(4242);
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < 2000; r++) {
            List<String> row = new ArrayList<>();
            for (int c = 0; c < 1 + random.nextInt(5); c++) {
                StringBuilder cell = new StringBuilder();
                for (int i = 0; i < random.nextInt(6); i++) cell.append((char) (random.nextInt(10) == 0 ? 1 + random.nextInt(300) : 32 + random.nextInt(95)));
                row.add(cell.toString());
            }
            rows.add(row);
        }
        assertEquals(withPrinter(rows), withBuilder(rows));
    }

    @Test
    void plainCellsOfNumbersAndDatesAreWrittenAsCsvPrinterWritesThem() throws Exception {
        Random random = new Random(77);
        List<List<String>> rows = new ArrayList<>();
        for (int r = 0; r < 2000; r++) {
            rows.add(List.of(CsvCells.number(random.nextGaussian() * 1e4), CsvCells.decimal(random.nextDouble() * 1e-4),
                    CsvCells.number(random.nextInt(100) - 50), java.time.LocalDate.ofEpochDay(random.nextInt(40_000)).toString(),
                    CsvCells.decimal(Double.longBitsToDouble(random.nextLong() & 0x7fefffffffffffffL))));
        }
        CsvLineBuilder builder = new CsvLineBuilder(CSV, 16);
        for (List<String> row : rows) {
            row.forEach(builder::plainCell);
            builder.endRecord();
        }
        assertEquals(withPrinter(rows), new String(builder.bytes(), 0, builder.length(), StandardCharsets.UTF_8));
    }
}
