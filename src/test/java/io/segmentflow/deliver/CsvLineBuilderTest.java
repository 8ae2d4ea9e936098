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
    void encodedCellsAreTheCellsAsCellWritesThemInEveryPosition() throws Exception {
        for (String odd : ODD) {
            byte[] pair = CsvLineBuilder.encode(CSV, "3", odd);
            CsvLineBuilder first = new CsvLineBuilder(CSV, 16);
            first.encodedCells(pair);
            first.cell("x");
            first.endRecord();
            CsvLineBuilder middle = new CsvLineBuilder(CSV, 16);
            middle.cell("x");
            middle.encodedCells(pair);
            middle.cell("y");
            middle.endRecord();
            assertEquals(withPrinter(List.of(List.of("3", odd, "x"), List.of("x", "3", odd, "y"))),
                    new String(first.bytes(), 0, first.length(), StandardCharsets.UTF_8)
                            + new String(middle.bytes(), 0, middle.length(), StandardCharsets.UTF_8), odd);
        }
    }

    @Test
    void cellsGivenAsUtf8BytesAreWrittenAsTheirStringsInEveryPosition() throws Exception {
        for (String odd : ODD) {
            byte[] utf8 = ("ab" + odd + "z").getBytes(StandardCharsets.UTF_8); // the cell sits inside a larger array
            int from = 2, to = utf8.length - 1;
            CsvLineBuilder builder = new CsvLineBuilder(CSV, 16);
            builder.cell(utf8, from, to);
            builder.textCell(utf8, from, to);
            builder.cell("x");
            builder.endRecord();
            builder.cell("x");
            builder.textCell(utf8, from, to);
            builder.cell(utf8, from, to);
            builder.endRecord();
            String text = CsvCells.text(odd);
            assertEquals(withPrinter(List.of(List.of(odd, text, "x"), List.of("x", text, odd))),
                    new String(builder.bytes(), 0, builder.length(), StandardCharsets.UTF_8), odd);
        }
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

    /** numberCell writes CsvCells.number's text without it; checked value by value, in first and later cells. */
    @Test
    void numberCellsAreCsvCellsNumberTextWrittenDirectly() {
        Random random = new Random(78);
        List<Double> values = new ArrayList<>(List.of(0.0, -0.0, 1.0, -1.0, 0.001, -0.001, 0.00099, 0.0015, 9_999_999.9999,
                10_000_000.5, 1e15, 1e15 + 0.5, 999_999_999_999_999.0, 0.1, 0.2, 0.30000000000000004, 1.0 / 3, 123.45, 62.93,
                16.1, -242.71, 0.05, 1234.5678, 1234.56789, 5e-324, Double.MAX_VALUE, 4.35, 0.0001, 0.00015, 2.675,
                // around the 2^31 and 2^32 digits boundaries, whole and with places
                2_147_483_647.0, 2_147_483_648.0, 4_294_967_295.0, 4_294_967_296.0, -4_294_967_297.0, 9_999_999_999.0,
                429_496.7295, 429_496.7296, 42_949_672.95));
        for (int i = 0; i < 200_000; i++) {
            int places = random.nextInt(6);
            double scale = Math.pow(10, random.nextInt(9) - 2);
            long digits = random.nextLong() % 1_000_000_000L;
            values.add(switch (i % 3) {
                case 0 -> Double.parseDouble(java.math.BigDecimal.valueOf(digits, places).toPlainString()); // as read from a file
                case 1 -> random.nextGaussian() * scale;
                default -> Math.round(random.nextGaussian() * scale * 100) / 100.0;
            });
        }
        for (double v : values) {
            CsvLineBuilder builder = new CsvLineBuilder(CSV, 16);
            builder.numberCell(v);
            builder.numberCell(v);
            builder.endRecord();
            String text = CsvCells.number(v);
            assertEquals(text + "," + text + "\n", new String(builder.bytes(), 0, builder.length(), StandardCharsets.US_ASCII),
                    () -> "value " + v);
        }
    }
}
