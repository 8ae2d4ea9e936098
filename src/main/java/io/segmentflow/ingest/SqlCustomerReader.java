package io.segmentflow.ingest;

import io.segmentflow.model.CustomerTable;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Quarantine;
import io.segmentflow.model.RejectReason;
import io.segmentflow.model.RejectedRow;
import io.segmentflow.model.RunRequest;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns the rows of the ingest query into the same {@link CustomerTable} a CSV file becomes, under
 * the same rules: NULL (or a missing-value token in a text column) is a missing value, text that is
 * not a plain decimal is {@code not-a-number}, a NULL id is {@code missing-customer-id}; repeated ids
 * are left to the clean stage, as for files. Typed columns (numbers, DATE, TIMESTAMP) are taken as
 * they are. The "source line" of a row is its position in the query result (1 = the first row).
 */
public final class SqlCustomerReader {
    private static final Logger LOG = LoggerFactory.getLogger(SqlCustomerReader.class);
    private static final DateTimeFormatter RUN_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

    private final InputSchema schema;
    private final String sourceName;
    private final Clock clock;
    private final DateTimeFormatter dates;

    /** @param sourceName how runs from this query are named in manifests, e.g. "database:customers.sql" */
    public SqlCustomerReader(InputSchema schema, String sourceName, Clock clock) {
        this.schema = schema;
        this.sourceName = sourceName;
        this.clock = clock;
        this.dates = schema.dateFormatter();
    }

    /**
     * @param rows      the query result, one column-name-to-value map per row (names case-insensitive)
     * @param outputDir exactly where results go, or null (or blank) for the configured output root
     */
    public SegmentationRun read(Iterator<? extends Map<String, ?>> rows, String outputDir) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        MessageDigest sha256 = sha256();
        Builder table = null;
        while (rows.hasNext()) {
            Map<String, ?> row = lowerCaseKeys(rows.next());
            if (table == null) table = new Builder(requireColumns(row), row.keySet());
            table.add(row, sha256);
        }
        if (table == null) {
            throw new InputRejectedException("the query returned no rows");
        }
        String hex = HexFormat.of().formatHex(sha256.digest());
        RunRequest request = new RunRequest(RUN_STAMP.format(started) + "-" + hex.substring(0, 8), sourceName, hex, started,
                outputDir == null || outputDir.isBlank() ? null : Path.of(outputDir));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Read {}: {} rows, {} loaded, {} quarantined, in {} ms", sourceName, table.rowsRead, table.ids.size(),
                table.rejected.size(), ms);
        return SegmentationRun.ingested(request, table.rowsRead, table.toTable(), new Quarantine(table.rejected),
                table.warnings, ms);
    }

    private static Map<String, ?> lowerCaseKeys(Map<String, ?> row) {
        // H2 answers in upper case, PostgreSQL in lower case.
        Map<String, Object> out = new LinkedHashMap<>();
        row.forEach((k, v) -> out.put(InputSchema.normalise(k), v));
        return out;
    }

    private List<String> requireColumns(Map<String, ?> first) {
        List<String> missing = schema.requiredColumns().stream().filter(c -> !first.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw new InputRejectedException("the query result has no column " + String.join(", ", missing.stream()
                    .map(m -> "'" + m + "'").toList()) + "; it has: " + String.join(", ", first.keySet()));
        }
        List<String> extra = new ArrayList<>(new TreeMap<>(first).keySet());
        extra.removeAll(schema.requiredColumns());
        extra.removeAll(schema.optionalText().values());
        return extra;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Growing primitive columns, as in the CSV reader. */
    private final class Builder {
        final List<String> ids = new ArrayList<>();
        final List<RejectedRow> rejected = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();
        long[] lines = new long[1024];
        final double[][] numeric = new double[schema.numericColumns().size()][1024];
        final double[][] date = new double[schema.dateColumns().size()][1024];
        long rowsRead;
        /** Optional contact columns the result has: role -> column, and their values per loaded row. */
        final Map<String, String> textColumns = new LinkedHashMap<>();
        final Map<String, List<String>> text = new LinkedHashMap<>();

        Builder(List<String> extra, java.util.Set<String> columns) {
            if (!extra.isEmpty()) warnings.add("ignored columns not used by the schema: " + String.join(", ", extra));
            schema.optionalText().forEach((role, column) -> {
                if (columns.contains(column)) {
                    textColumns.put(role, column);
                    text.put(role, new ArrayList<>());
                }
            });
        }

        void add(Map<String, ?> row, MessageDigest sha256) {
            long line = ++rowsRead;
            String raw = raw(row);
            sha256.update((raw + "\n").getBytes(StandardCharsets.UTF_8));
            Object idValue = row.get(schema.idColumn());
            String id = idValue == null ? "" : text(idValue).trim();
            if (CellText.hasControlCharacters(raw)) {
                reject(line, id, RejectReason.CONTROL_CHARACTERS, "the row contains control characters", raw);
                return;
            }
            if (schema.isMissing(id)) {
                reject(line, id, RejectReason.MISSING_CUSTOMER_ID, "no " + schema.idColumn(), raw);
                return;
            }
            int r = ids.size();
            ensureCapacity(r + 1);
            for (int j = 0; j < numeric.length; j++) {
                String column = schema.numericColumns().get(j);
                Object v = row.get(column);
                double d = number(v);
                if (Double.isInfinite(d) || (Double.isNaN(d) && !isMissing(v))) {
                    reject(line, id, RejectReason.NOT_A_NUMBER, column + " is not a number ('" + CellText.abbreviate(text(v)) + "')", raw);
                    return;
                }
                numeric[j][r] = d;
            }
            for (int j = 0; j < date.length; j++) {
                String column = schema.dateColumns().get(j);
                Object v = row.get(column);
                double d = epochDay(v);
                if (Double.isNaN(d) && !isMissing(v)) {
                    reject(line, id, RejectReason.INVALID_DATE, column + " '" + CellText.abbreviate(text(v))
                            + "' is not a valid date (expected " + schema.dateFormat() + ")", raw);
                    return;
                }
                date[j][r] = d;
            }
            textColumns.forEach((role, column) -> {
                Object v = row.get(column);
                text.get(role).add(isMissing(v) ? null : text(v).trim());
            });
            ids.add(id);
            lines[r] = line;
        }

        private void reject(long line, String id, RejectReason reason, String detail, String raw) {
            rejected.add(new RejectedRow(line, id, reason, detail, raw));
        }

        private boolean isMissing(Object v) {
            return v == null || (v instanceof CharSequence s && schema.isMissing(s.toString().trim()));
        }

        /** NaN for missing and for anything that is not a number; infinity for numbers out of range. */
        private double number(Object v) {
            if (v instanceof Number n) {
                double d = n.doubleValue();
                return Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
            }
            if (v instanceof CharSequence s) {
                String t = s.toString().trim();
                if (schema.isMissing(t) || !DecimalSyntax.isPlainDecimal(t)) return Double.NaN;
                double d = Double.parseDouble(t);
                return Double.isFinite(d) ? d : Double.POSITIVE_INFINITY;
            }
            return Double.NaN;
        }

        private double epochDay(Object v) {
            if (v instanceof java.sql.Date d) return d.toLocalDate().toEpochDay();
            if (v instanceof java.sql.Timestamp t) return t.toLocalDateTime().toLocalDate().toEpochDay();
            if (v instanceof LocalDate d) return d.toEpochDay();
            if (v instanceof LocalDateTime t) return t.toLocalDate().toEpochDay();
            if (v instanceof OffsetDateTime t) return t.toLocalDate().toEpochDay();
            if (v instanceof CharSequence s && !schema.isMissing(s.toString().trim())) {
                try {
                    return LocalDate.parse(s.toString().trim(), dates).toEpochDay();
                } catch (DateTimeParseException e) {
                    return Double.NaN;
                }
            }
            return Double.NaN;
        }

        private String raw(Map<String, ?> row) {
            StringBuilder out = new StringBuilder();
            for (String column : schema.requiredColumns()) {
                if (out.length() > 0) out.append(',');
                Object v = row.get(column);
                out.append(v == null ? "" : text(v));
            }
            return out.toString();
        }

        private void ensureCapacity(int rows) {
            if (rows <= lines.length) return;
            int capacity = Math.max(rows, lines.length * 2);
            lines = Arrays.copyOf(lines, capacity);
            for (int j = 0; j < numeric.length; j++) numeric[j] = Arrays.copyOf(numeric[j], capacity);
            for (int j = 0; j < date.length; j++) date[j] = Arrays.copyOf(date[j], capacity);
        }

        CustomerTable toTable() {
            int n = ids.size();
            Map<String, double[]> numericColumns = new LinkedHashMap<>();
            for (int j = 0; j < numeric.length; j++) numericColumns.put(schema.numericColumns().get(j), Arrays.copyOf(numeric[j], n));
            Map<String, double[]> dateColumns = new LinkedHashMap<>();
            for (int j = 0; j < date.length; j++) dateColumns.put(schema.dateColumns().get(j), Arrays.copyOf(date[j], n));
            Map<String, String[]> textValues = new LinkedHashMap<>();
            text.forEach((role, values) -> textValues.put(role, values.toArray(String[]::new)));
            return new CustomerTable(ids.toArray(String[]::new), Arrays.copyOf(lines, n), numericColumns, dateColumns, textValues);
        }
    }

    private static String text(Object v) {
        if (v instanceof java.math.BigDecimal b) return b.stripTrailingZeros().toPlainString();
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        return String.valueOf(v);
    }

}
