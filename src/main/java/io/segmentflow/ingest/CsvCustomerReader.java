package io.segmentflow.ingest;

import io.segmentflow.model.CustomerTable;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Quarantine;
import io.segmentflow.model.RejectReason;
import io.segmentflow.model.RejectedRow;
import io.segmentflow.model.RunRequest;
import io.segmentflow.model.SegmentationRun;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Streams one CSV into a {@link CustomerTable} in a single pass, hashing the bytes on the way.
 * commons-csv (which camel-csv wraps) is driven directly: camel-csv's iterator hides the physical
 * line numbers that every quarantined row must cite, and decodes leniently where we must be strict.
 */
public final class CsvCustomerReader {
    private static final Logger LOG = LoggerFactory.getLogger(CsvCustomerReader.class);
    private static final DateTimeFormatter RUN_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final long PROGRESS_EVERY = 1_000_000;

    private final InputSchema schema;
    private final Clock clock;

    public CsvCustomerReader(InputSchema schema, Clock clock) {
        this.schema = schema;
        this.clock = clock;
    }

    /**
     * @param in        the file's bytes
     * @param inputName the file name, for messages and the manifest only
     * @param outputDir exactly where results go, or null (or blank) for the configured output root
     */
    public SegmentationRun read(InputStream in, String inputName, String outputDir) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        MessageDigest sha256 = sha256();
        BoundedLineReader reader = null;
        try (InputStream digesting = new DigestInputStream(new BufferedInputStream(in, 1 << 16), sha256)) {
            reader = new BoundedLineReader(new StrictUtf8Reader(digesting), schema.maxLineLength());
            Columns columns = parse(reader, inputName);
            digesting.transferTo(java.io.OutputStream.nullOutputStream()); // hash what the parser did not need (trailing bytes)
            String hex = HexFormat.of().formatHex(sha256.digest());
            String runId = RUN_STAMP.format(started) + "-" + hex.substring(0, 8);
            RunRequest request = new RunRequest(runId, inputName, hex, started,
                    outputDir == null || outputDir.isBlank() ? null : Path.of(outputDir));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            LOG.info("Read {}: {} rows, {} loaded, {} quarantined, in {} ms", inputName, columns.rowsRead,
                    columns.ids.size(), columns.rejected.size(), ms);
            return SegmentationRun.ingested(request, columns.rowsRead, columns.toTable(),
                    new Quarantine(columns.rejected), columns.warnings, ms);
        } catch (IOException | UncheckedIOException e) {
            // commons-csv wraps reader errors in UncheckedIOException; the cause says what went wrong.
            throw rejection(e, reader);
        }
    }

    private static InputRejectedException rejection(Exception e, BoundedLineReader reader) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof StrictUtf8Reader.NotUtf8Exception bad) {
                return new InputRejectedException("the file is not UTF-8 text: invalid bytes on line " + reader.line()
                        + " at byte " + bad.byteOffset + " (is it a spreadsheet or another encoding? save it as CSV UTF-8)", e);
            }
            if (t instanceof BoundedLineReader.LineTooLongException tooLong) {
                return new InputRejectedException(tooLong.getMessage(), e);
            }
        }
        String where = reader == null ? "" : " near line " + reader.line();
        return new InputRejectedException("the file is not valid CSV" + where + ": " + rootMessage(e), e);
    }

    private Columns parse(BoundedLineReader reader, String inputName) throws IOException {
        // Blank lines are skipped here rather than by commons-csv, which would skip them without
        // counting them towards the start line of the next row.
        CSVFormat format = CSVFormat.RFC4180.builder().setDelimiter(schema.delimiter()).setIgnoreEmptyLines(false).get();
        CSVParser parser = CSVParser.parse(reader, format);
        var records = parser.iterator();
        CSVRecord first = null;
        while ((first == null || isBlank(first)) && records.hasNext()) { // hasNext() reads ahead: ask it last
            first = records.next();
        }
        if (first == null || isBlank(first)) {
            throw new InputRejectedException("the file is empty");
        }
        Header header = Header.of(first, schema);
        Columns columns = new Columns(header, schema);
        if (!header.extra().isEmpty()) {
            columns.warnings.add("ignored columns not used by the schema: " + String.join(", ", header.extra()));
        }
        long lineAfterPrevious = parser.getCurrentLineNumber();
        while (records.hasNext()) {
            CSVRecord record = records.next();
            if (!isBlank(record)) {
                columns.add(record, lineAfterPrevious + 1);
                if (columns.rowsRead % PROGRESS_EVERY == 0) {
                    LOG.info("Reading {}: {} rows so far", inputName, columns.rowsRead);
                }
            }
            lineAfterPrevious = parser.getCurrentLineNumber();
        }
        if (columns.rowsRead == 0) {
            throw new InputRejectedException("the file has a header but no data rows");
        }
        return columns;
    }

    private static boolean isBlank(CSVRecord record) {
        return record.size() == 1 && record.get(0).isEmpty();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return String.valueOf(t.getMessage()).replace('\n', ' ');
    }

    /** Where each required column sits in the file. */
    private record Header(int fields, int idIndex, int[] numericIndex, int[] dateIndex, List<String> extra) {
        static Header of(CSVRecord first, InputSchema schema) {
            Map<String, Integer> positions = new HashMap<>();
            List<String> found = new ArrayList<>();
            for (int i = 0; i < first.size(); i++) {
                String name = InputSchema.normalise(first.get(i));
                found.add(first.get(i).trim());
                if (positions.putIfAbsent(name, i) != null) {
                    throw new InputRejectedException("column '" + name + "' appears twice in the header");
                }
            }
            List<String> missing = schema.requiredColumns().stream().filter(c -> !positions.containsKey(c)).toList();
            if (!missing.isEmpty()) {
                throw new InputRejectedException((missing.size() == 1 ? "column '" + missing.get(0) + "' is missing"
                        : "columns " + quoted(missing) + " are missing") + "; found: " + String.join(", ", found)
                        + delimiterHint(first, schema));
            }
            List<String> extra = new ArrayList<>();
            positions.forEach((name, i) -> {
                if (!schema.requiredColumns().contains(name)) extra.add(first.get(i).trim());
            });
            extra.sort(null);
            return new Header(first.size(), positions.get(schema.idColumn()),
                    schema.numericColumns().stream().mapToInt(positions::get).toArray(),
                    schema.dateColumns().stream().mapToInt(positions::get).toArray(), extra);
        }

        private static String quoted(List<String> names) {
            return String.join(", ", names.stream().map(n -> "'" + n + "'").toList());
        }

        private static String delimiterHint(CSVRecord first, InputSchema schema) {
            if (first.size() != 1) return "";
            for (char c : new char[] {';', '\t', '|', ','}) {
                if (c != schema.delimiter() && first.get(0).indexOf(c) >= 0) {
                    String name = c == '\t' ? "tab" : "'" + c + "'";
                    return " (the file looks " + name + "-separated; set segmentation.input.delimiter)";
                }
            }
            return "";
        }
    }

    /** Growing primitive columns; one String per row (the id), none per cell. */
    private static final class Columns {
        final Header header;
        final InputSchema schema;
        final DateTimeFormatter dates;
        final List<String> ids = new ArrayList<>();
        long[] lines = new long[1024];
        final double[][] numeric;
        final double[][] date;
        final List<RejectedRow> rejected = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        long rowsRead;
        private final double[] numericRow;
        private final double[] dateRow;

        Columns(Header header, InputSchema schema) {
            this.header = header;
            this.schema = schema;
            this.dates = schema.dateFormatter();
            numeric = new double[header.numericIndex().length][1024];
            date = new double[header.dateIndex().length][1024];
            numericRow = new double[numeric.length];
            dateRow = new double[date.length];
        }

        void add(CSVRecord record, long line) {
            rowsRead++;
            String reason = null;
            RejectReason code = null;
            String id = record.size() > header.idIndex() ? record.get(header.idIndex()).trim() : "";
            if (record.size() != header.fields()) {
                code = RejectReason.WRONG_FIELD_COUNT;
                reason = "expected " + header.fields() + " fields, found " + record.size();
            } else if (hasControlCharacters(record)) {
                code = RejectReason.CONTROL_CHARACTERS;
                reason = "the row contains control characters";
            } else if (schema.isMissing(id)) { // NULL or N/A as an id means no id
                code = RejectReason.MISSING_CUSTOMER_ID;
                reason = "no " + schema.idColumn();
            } else {
                for (int j = 0; j < numericRow.length && reason == null; j++) {
                    String cell = record.get(header.numericIndex()[j]).trim();
                    String column = schema.numericColumns().get(j);
                    if (schema.isMissing(cell)) {
                        numericRow[j] = Double.NaN;
                    } else if (!DecimalSyntax.isPlainDecimal(cell)) {
                        code = RejectReason.NOT_A_NUMBER;
                        reason = column + " is not a number ('" + abbreviate(cell) + "')";
                    } else if (!Double.isFinite(numericRow[j] = Double.parseDouble(cell))) {
                        code = RejectReason.NOT_A_NUMBER;
                        reason = column + " is out of range ('" + abbreviate(cell) + "')";
                    }
                }
                for (int j = 0; j < dateRow.length && reason == null; j++) {
                    String cell = record.get(header.dateIndex()[j]).trim();
                    if (schema.isMissing(cell)) {
                        dateRow[j] = Double.NaN;
                        continue;
                    }
                    try {
                        dateRow[j] = LocalDate.parse(cell, dates).toEpochDay();
                    } catch (DateTimeParseException e) {
                        code = RejectReason.INVALID_DATE;
                        reason = schema.dateColumns().get(j) + " '" + abbreviate(cell) + "' is not a valid date (expected "
                                + schema.dateFormat() + ")";
                    }
                }
            }
            if (reason != null) {
                rejected.add(new RejectedRow(line, id, code, reason, String.join(String.valueOf(schema.delimiter()), record.values())));
                return;
            }
            int row = ids.size();
            ensureCapacity(row + 1);
            ids.add(id);
            lines[row] = line;
            for (int j = 0; j < numeric.length; j++) numeric[j][row] = numericRow[j];
            for (int j = 0; j < date.length; j++) date[j][row] = dateRow[j];
        }

        private static boolean hasControlCharacters(CSVRecord record) {
            for (String value : record.values()) {
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') return true;
                }
            }
            return false;
        }

        private static String abbreviate(String cell) {
            return cell.length() <= 40 ? cell : cell.substring(0, 40) + "...";
        }

        private void ensureCapacity(int rows) {
            if (rows <= lines.length) return;
            int capacity = Math.max(rows, lines.length * 2);
            lines = java.util.Arrays.copyOf(lines, capacity);
            for (int j = 0; j < numeric.length; j++) numeric[j] = java.util.Arrays.copyOf(numeric[j], capacity);
            for (int j = 0; j < date.length; j++) date[j] = java.util.Arrays.copyOf(date[j], capacity);
        }

        CustomerTable toTable() {
            int n = ids.size();
            Map<String, double[]> numericColumns = new LinkedHashMap<>();
            for (int j = 0; j < numeric.length; j++) {
                numericColumns.put(schema.numericColumns().get(j), java.util.Arrays.copyOf(numeric[j], n));
            }
            Map<String, double[]> dateColumns = new LinkedHashMap<>();
            for (int j = 0; j < date.length; j++) {
                dateColumns.put(schema.dateColumns().get(j), java.util.Arrays.copyOf(date[j], n));
            }
            return new CustomerTable(ids.toArray(String[]::new), java.util.Arrays.copyOf(lines, n), numericColumns, dateColumns);
        }
    }
}
