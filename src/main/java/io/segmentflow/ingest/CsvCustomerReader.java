package io.segmentflow.ingest;

import io.segmentflow.model.CustomerIds;
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
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
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
import java.util.zip.GZIPInputStream;

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
    private final boolean plainFastPath;

    public CsvCustomerReader(InputSchema schema, Clock clock) {
        this(schema, clock, true);
    }

    /** @param plainFastPath false = every line through commons-csv (tests compare the two paths) */
    CsvCustomerReader(InputSchema schema, Clock clock, boolean plainFastPath) {
        this.schema = schema;
        this.clock = clock;
        this.plainFastPath = plainFastPath && schema.delimiter() > ' ' && schema.delimiter() < 0x7F
                && schema.delimiter() != '"';
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
        Reading reading = new Reading(inputName);
        BufferedInputStream buffered = new BufferedInputStream(in, 1 << 16);
        try (HashingInputStream digesting = new HashingInputStream(buffered, sha256)) {
            // a .gz file is read directly; the hash stays that of the bytes as delivered
            Columns columns = reading.parse(isGzip(buffered) ? new GZIPInputStream(digesting, 1 << 16) : digesting);
            digesting.transferTo(java.io.OutputStream.nullOutputStream()); // hash what the parser did not need (trailing bytes)
            String hex = HexFormat.of().formatHex(digesting.digest());
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
            throw rejection(e, reading.lineReader);
        }
    }

    /** The gzip magic bytes, peeked without consuming them. */
    private static boolean isGzip(BufferedInputStream in) throws IOException {
        in.mark(2);
        boolean gzip = in.read() == 0x1f && in.read() == 0x8b;
        in.reset();
        return gzip;
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

    /** One file being read: plain lines by the byte-level fast path, the rest (if any) by commons-csv. */
    private final class Reading {
        final String inputName;
        BoundedLineReader lineReader;

        Reading(String inputName) {
            this.inputName = inputName;
        }

        Columns parse(InputStream in) throws IOException {
            Columns columns = null;
            PlainLines plain = null;
            if (plainFastPath) {
                plain = new PlainLines(in, schema.maxLineLength());
                if (plain.next()) {
                    columns = columnsFor(Header.of(singleRecord(Columns.ascii(plain.buffer(), plain.lineStart(), plain.lineEnd())),
                            schema));
                    while (plain.next()) {
                        columns.addPlain(plain.buffer(), plain.lineStart(), plain.lineEnd(), plain.lines());
                    }
                    if (plain.exhausted()) {
                        return requireRows(columns);
                    }
                }
            }
            // The full parser takes over at the first line that is not plain (or from the start). It is
            // handed one line break per line already read, which it skips as blank lines: so its own
            // line numbers, including those inside commons-csv's messages, count from the file's start.
            InputStream rest = in;
            long offset = 0;
            if (plain != null) {
                rest = new SequenceInputStream(new LineBreaks(plain.lines()), plain.remainder());
                offset = plain.bytesConsumed() - plain.lines();
            }
            lineReader = new BoundedLineReader(new StrictUtf8Reader(rest, offset), schema.maxLineLength());
            return parseRecords(lineReader, columns);
        }

        private Columns parseRecords(BoundedLineReader reader, Columns known) throws IOException {
            // Blank lines are skipped here rather than by commons-csv, which would skip them without
            // counting them towards the start line of the next row.
            CSVParser parser = CSVParser.parse(reader, csvFormat());
            var records = parser.iterator();
            Columns columns = known;
            if (columns == null) {
                CSVRecord first = null;
                while ((first == null || isBlank(first)) && records.hasNext()) { // hasNext() reads ahead: ask it last
                    first = records.next();
                }
                if (first == null || isBlank(first)) {
                    throw new InputRejectedException("the file is empty");
                }
                columns = columnsFor(Header.of(first, schema));
            }
            long lineAfterPrevious = parser.getCurrentLineNumber();
            while (records.hasNext()) {
                CSVRecord record = records.next();
                if (!isBlank(record)) {
                    columns.add(record, lineAfterPrevious + 1);
                }
                lineAfterPrevious = parser.getCurrentLineNumber();
            }
            return requireRows(columns);
        }

        private Columns columnsFor(Header header) {
            Columns columns = new Columns(header, schema, inputName);
            if (!header.extra().isEmpty()) {
                columns.warnings.add("ignored columns not used by the schema: " + String.join(", ", header.extra()));
            }
            return columns;
        }

        private Columns requireRows(Columns columns) {
            if (columns.rowsRead == 0) {
                throw new InputRejectedException("the file has a header but no data rows");
            }
            return columns;
        }
    }

    private CSVFormat csvFormat() {
        return CSVFormat.RFC4180.builder().setDelimiter(schema.delimiter()).setIgnoreEmptyLines(false).get();
    }

    /** A line with no quote and no line break, as commons-csv reads it. */
    private CSVRecord singleRecord(String line) throws IOException {
        try (CSVParser parser = CSVParser.parse(line, csvFormat())) {
            return parser.iterator().next();
        }
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
    private record Header(int fields, int idIndex, int[] numericIndex, int[] dateIndex, Map<String, Integer> textIndex,
                          List<String> extra) {
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
                if (!schema.requiredColumns().contains(name) && !schema.optionalText().containsValue(name)) {
                    extra.add(first.get(i).trim());
                }
            });
            extra.sort(null);
            Map<String, Integer> textIndex = new LinkedHashMap<>();
            schema.optionalText().forEach((role, column) -> {
                if (positions.containsKey(column)) textIndex.put(role, positions.get(column));
            });
            return new Header(first.size(), positions.get(schema.idColumn()),
                    schema.numericColumns().stream().mapToInt(positions::get).toArray(),
                    schema.dateColumns().stream().mapToInt(positions::get).toArray(), textIndex, extra);
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

    /** Growing primitive columns, the ids among them: no String per row or cell. */
    private static final class Columns {
        private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                1e12, 1e13, 1e14, 1e15};

        final Header header;
        final InputSchema schema;
        final String inputName;
        final DateTimeFormatter dates;
        final boolean isoDates;
        final boolean plainCells;
        final CustomerIds.Builder ids = new CustomerIds.Builder();
        long[] lines = new long[1024];
        final double[][] numeric;
        final double[][] date;
        final String[] textRoles;
        final int[] textIndex;
        final List<List<String>> text = new ArrayList<>();
        final List<RejectedRow> rejected = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        long rowsRead;
        private final double[] numericRow;
        private final double[] dateRow;
        private final int[] fieldStart;
        private final int[] fieldEnd;
        private final int longestMissingToken;

        Columns(Header header, InputSchema schema, String inputName) {
            this.header = header;
            this.schema = schema;
            this.inputName = inputName;
            this.dates = schema.dateFormatter();
            // the default format gets a byte-level reader; any other goes through java.time alone
            // A missing-value token with a digit (say -1 or 1900-01-01) must win over the byte-level
            // readers, which would read it as a value: then every cell takes the String path.
            boolean digitTokens = schema.missingTokens().stream().anyMatch(t -> t.chars().anyMatch(Character::isDigit));
            this.plainCells = !digitTokens;
            this.isoDates = !digitTokens
                    && (schema.dateFormat().equals("yyyy-MM-dd") || schema.dateFormat().equals("uuuu-MM-dd"));
            numeric = new double[header.numericIndex().length][1024];
            date = new double[header.dateIndex().length][1024];
            numericRow = new double[numeric.length];
            dateRow = new double[date.length];
            longestMissingToken = schema.missingTokens().stream().mapToInt(String::length).max().orElse(0);
            fieldStart = new int[header.fields()];
            fieldEnd = new int[header.fields()];
            textRoles = header.textIndex().keySet().toArray(String[]::new);
            textIndex = header.textIndex().values().stream().mapToInt(Integer::intValue).toArray();
            for (int j = 0; j < textRoles.length; j++) text.add(new ArrayList<>());
        }

        /** Why a row is quarantined. */
        private record Rejection(RejectReason code, String reason) {
        }

        void add(CSVRecord record, long line) {
            counted();
            Rejection rejection = null;
            String id = record.size() > header.idIndex() ? record.get(header.idIndex()).trim() : "";
            if (record.size() != header.fields()) {
                rejection = wrongFieldCount(record.size());
            } else if (hasControlCharacters(record)) {
                rejection = new Rejection(RejectReason.CONTROL_CHARACTERS, "the row contains control characters");
            } else if (schema.isMissing(id)) { // NULL or N/A as an id means no id
                rejection = missingId();
            } else {
                for (int j = 0; j < numericRow.length && rejection == null; j++) {
                    rejection = numericCell(record.get(header.numericIndex()[j]).trim(), j);
                }
                for (int j = 0; j < dateRow.length && rejection == null; j++) {
                    rejection = dateCell(record.get(header.dateIndex()[j]).trim(), j);
                }
            }
            if (rejection != null) {
                reject(line, id, rejection, String.join(String.valueOf(schema.delimiter()), record.values()));
            } else {
                for (int j = 0; j < textIndex.length; j++) text.get(j).add(textCell(record.get(textIndex[j]).trim()));
                ids.add(id);
                store(line);
            }
        }

        /**
         * A plain line (printable ASCII and tabs, no quotes; see {@link PlainLines}): the same checks
         * in the same order as {@link #add(CSVRecord, long)}, reading cells straight from the bytes.
         * Only cells in the common forms are decoded here; any other goes through the same String
         * path as the full parser's, so messages and values are identical.
         */
        void addPlain(byte[] b, int from, int to, long line) {
            counted();
            byte delimiter = (byte) schema.delimiter();
            int fields = header.fields();
            int found = 1;
            fieldStart[0] = from;
            for (int i = from; i < to; i++) {
                if (b[i] == delimiter) {
                    if (found < fields) {
                        fieldEnd[found - 1] = i;
                        fieldStart[found] = i + 1;
                    }
                    found++;
                }
            }
            if (found != fields) {
                String text = ascii(b, from, to);
                String[] values = split(text, schema.delimiter());
                String id = values.length > header.idIndex() ? values[header.idIndex()].trim() : "";
                reject(line, id, wrongFieldCount(found), text);
                return;
            }
            fieldEnd[fields - 1] = to;
            int idStart = trimStart(b, fieldStart[header.idIndex()], fieldEnd[header.idIndex()]);
            int idEnd = trimEnd(b, idStart, fieldEnd[header.idIndex()]);
            // ASCII keeps its length when upper-cased, so an id longer than every token is not one
            Rejection rejection = idStart == idEnd
                    || (idEnd - idStart <= longestMissingToken && schema.isMissing(ascii(b, idStart, idEnd))) ? missingId() : null;
            for (int j = 0; j < numericRow.length && rejection == null; j++) {
                int f = header.numericIndex()[j];
                int s = trimStart(b, fieldStart[f], fieldEnd[f]);
                int e = trimEnd(b, s, fieldEnd[f]);
                double v = s == e || !plainCells ? Double.NaN : plainDecimal(b, s, e);
                if (s == e || !Double.isNaN(v)) {
                    numericRow[j] = v; // an empty cell is missing
                } else {
                    rejection = numericCell(ascii(b, s, e), j);
                }
            }
            for (int j = 0; j < dateRow.length && rejection == null; j++) {
                int f = header.dateIndex()[j];
                int s = trimStart(b, fieldStart[f], fieldEnd[f]);
                int e = trimEnd(b, s, fieldEnd[f]);
                long day = isoDates ? isoDate(b, s, e) : Long.MIN_VALUE;
                if (s == e) {
                    dateRow[j] = Double.NaN;
                } else if (day != Long.MIN_VALUE) {
                    dateRow[j] = day;
                } else {
                    rejection = dateCell(ascii(b, s, e), j);
                }
            }
            if (rejection != null) {
                reject(line, ascii(b, idStart, idEnd), rejection, ascii(b, from, to));
            } else {
                for (int j = 0; j < textIndex.length; j++) text.get(j).add(textCell(trimmedAscii(b, textIndex[j])));
                ids.add(b, idStart, idEnd);
                store(line);
            }
        }

        /** An optional text cell: null when empty or a missing-value token. */
        private String textCell(String trimmed) {
            return schema.isMissing(trimmed) ? null : trimmed;
        }

        private void counted() {
            rowsRead++;
            if (rowsRead % PROGRESS_EVERY == 0) {
                LOG.info("Reading {}: {} rows so far", inputName, rowsRead);
            }
        }

        private Rejection wrongFieldCount(int found) {
            return new Rejection(RejectReason.WRONG_FIELD_COUNT, "expected " + header.fields() + " fields, found " + found);
        }

        private Rejection missingId() {
            return new Rejection(RejectReason.MISSING_CUSTOMER_ID, "no " + schema.idColumn());
        }

        /** Sets numericRow[j] from a trimmed cell; null, or why the row is quarantined. */
        private Rejection numericCell(String cell, int j) {
            String column = schema.numericColumns().get(j);
            if (schema.isMissing(cell)) {
                numericRow[j] = Double.NaN;
            } else if (!DecimalSyntax.isPlainDecimal(cell)) {
                return new Rejection(RejectReason.NOT_A_NUMBER, column + " is not a number ('" + CellText.abbreviate(cell) + "')");
            } else if (!Double.isFinite(numericRow[j] = Double.parseDouble(cell))) {
                return new Rejection(RejectReason.NOT_A_NUMBER, column + " is out of range ('" + CellText.abbreviate(cell) + "')");
            }
            return null;
        }

        /** Sets dateRow[j] from a trimmed cell; null, or why the row is quarantined. */
        private Rejection dateCell(String cell, int j) {
            if (schema.isMissing(cell)) {
                dateRow[j] = Double.NaN;
                return null;
            }
            try {
                dateRow[j] = LocalDate.parse(cell, dates).toEpochDay();
                return null;
            } catch (DateTimeParseException e) {
                return new Rejection(RejectReason.INVALID_DATE, schema.dateColumns().get(j) + " '" + CellText.abbreviate(cell)
                        + "' is not a valid date (expected " + schema.dateFormat() + ")");
            }
        }

        private void reject(long line, String id, Rejection r, String raw) {
            rejected.add(new RejectedRow(line, id, r.code(), r.reason(), raw));
        }

        /** Stores the row whose id was just added. */
        private void store(long line) {
            int row = ids.size() - 1;
            ensureCapacity(row + 1);
            lines[row] = line;
            for (int j = 0; j < numeric.length; j++) numeric[j][row] = numericRow[j];
            for (int j = 0; j < date.length; j++) date[j][row] = dateRow[j];
        }

        private String trimmedAscii(byte[] b, int field) {
            int s = trimStart(b, fieldStart[field], fieldEnd[field]);
            return ascii(b, s, trimEnd(b, s, fieldEnd[field]));
        }

        /** String.trim() on bytes: a plain line's only characters at or below a space are space and tab. */
        private static int trimStart(byte[] b, int s, int e) {
            while (s < e && b[s] <= ' ') s++;
            return s;
        }

        private static int trimEnd(byte[] b, int s, int e) {
            while (e > s && b[e - 1] <= ' ') e--;
            return e;
        }

        static String ascii(byte[] b, int from, int to) {
            return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
        }

        private static String[] split(String text, char delimiter) {
            List<String> parts = new ArrayList<>();
            int from = 0;
            for (int i = 0; i < text.length(); i++) {
                if (text.charAt(i) == delimiter) {
                    parts.add(text.substring(from, i));
                    from = i + 1;
                }
            }
            parts.add(text.substring(from));
            return parts.toArray(String[]::new);
        }

        /**
         * [+-]digits[.digits] with 1 to 15 digits in all, else NaN (the caller then takes the String
         * path). The digits fit a double exactly and so does the power of ten, so the one division is
         * correctly rounded: the same double Double.parseDouble gives.
         */
        static double plainDecimal(byte[] b, int s, int e) {
            int i = s;
            boolean negative = false;
            if (b[i] == '+' || b[i] == '-') {
                negative = b[i] == '-';
                i++;
            }
            long mantissa = 0;
            int digits = 0;
            int fraction = 0;
            while (i < e && b[i] >= '0' && b[i] <= '9') {
                mantissa = mantissa * 10 + (b[i++] - '0');
                digits++;
            }
            if (i < e && b[i] == '.') {
                i++;
                while (i < e && b[i] >= '0' && b[i] <= '9') {
                    mantissa = mantissa * 10 + (b[i++] - '0');
                    digits++;
                    fraction++;
                }
            }
            if (i != e || digits == 0 || digits > 15) return Double.NaN;
            double v = fraction == 0 ? (double) mantissa : mantissa / POWERS_OF_TEN[fraction];
            return negative ? -v : v;
        }

        /** yyyy-MM-dd as epoch days, or Long.MIN_VALUE for anything else (the caller then asks java.time). */
        static long isoDate(byte[] b, int s, int e) {
            if (e - s != 10 || b[s + 4] != '-' || b[s + 7] != '-') return Long.MIN_VALUE;
            int year = digits(b, s, 4), month = digits(b, s + 5, 2), day = digits(b, s + 8, 2);
            if (year < 0 || month < 0 || day < 0) return Long.MIN_VALUE;
            return IsoDates.epochDay(year, month, day); // IsoDates.INVALID is Long.MIN_VALUE
        }

        private static int digits(byte[] b, int s, int n) {
            int v = 0;
            for (int i = s; i < s + n; i++) {
                if (b[i] < '0' || b[i] > '9') return -1;
                v = v * 10 + (b[i] - '0');
            }
            return v;
        }

        private static boolean hasControlCharacters(CSVRecord record) {
            for (String value : record.values()) {
                if (CellText.hasControlCharacters(value)) return true;
            }
            return false;
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
            Map<String, String[]> textColumns = new LinkedHashMap<>();
            for (int j = 0; j < textRoles.length; j++) textColumns.put(textRoles[j], text.get(j).toArray(String[]::new));
            return new CustomerTable(ids.build(), java.util.Arrays.copyOf(lines, n), numericColumns, dateColumns,
                    textColumns);
        }
    }
}
