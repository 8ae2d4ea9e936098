package io.segmentflow.ingest.source;

import io.segmentflow.ingest.DecimalSyntax;
import io.segmentflow.model.CustomerTable;
import io.segmentflow.model.InputFacts;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.Median;
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

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
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
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

/**
 * Reads a source described by a profile ({@link SourceSettings}) into the same {@link SegmentationRun}
 * the default reader produces: customer-level files (numeric, categorical and date columns, derived
 * features, plausibility ranges, grouped and one-hot encoded categories, clipping) and transaction
 * files aggregated per customer. Gzip, the encoding, the delimiter, the header and date formats are
 * detected unless the profile says; what was detected goes into summary.json.
 *
 * <p>The (decompressed) file is held as bytes once: the encoding can only be told from all of them
 * (Online Retail's first non-UTF-8 byte is deep inside), and the memory is bounded by
 * segmentation.source.max-megabytes. Rows are parsed by commons-csv straight into primitive columns.
 */
public final class ProfiledSourceReader {
    private static final Logger LOG = LoggerFactory.getLogger(ProfiledSourceReader.class);
    private static final DateTimeFormatter RUN_STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);
    private static final int SAMPLE_LINES = 50;
    private static final long PROGRESS_EVERY = 200_000;
    private static final String MISSING_CATEGORY = "missing";
    private static final String OTHER_CATEGORY = "other";

    private final SourceSettings settings;
    private final Predicate<String> isMissing;
    private final Clock clock;
    private final List<DerivedFeature> derived;

    /** @param isMissing whether a trimmed cell means "no value" (segmentation.input.missing-values, as InputSchema.isMissing) */
    public ProfiledSourceReader(SourceSettings settings, Predicate<String> isMissing, Clock clock) {
        if (!settings.profiled()) throw new IllegalArgumentException("segmentation.source.kind is default: use CsvCustomerReader");
        this.settings = settings;
        this.isMissing = isMissing;
        this.clock = clock;
        this.derived = settings.derived().entrySet().stream().map(e -> DerivedFeature.parse(e.getKey(), e.getValue())).toList();
    }

    /** Same contract as CsvCustomerReader.read: the run, or an InputRejectedException with a one-line reason. */
    public SegmentationRun read(InputStream in, String inputName, String outputDir) {
        Instant started = clock.instant();
        long t0 = System.nanoTime();
        MessageDigest sha256 = sha256();
        Map<String, String> detected = new LinkedHashMap<>();
        byte[] bytes;
        try (InputStream digesting = new DigestInputStream(in, sha256)) {
            bytes = decompressed(digesting, detected);
        } catch (IOException e) {
            throw new InputRejectedException("cannot read " + inputName + ": " + e.getMessage(), e);
        }
        String hex = HexFormat.of().formatHex(sha256.digest());
        RunRequest base = new RunRequest(RUN_STAMP.format(started) + "-" + hex.substring(0, 8), inputName, hex, started,
                outputDir == null || outputDir.isBlank() ? null : Path.of(outputDir));
        Parsed parsed = parse(bytes, inputName, detected);
        Result result = settings.transactional() ? parsed.transactions.finish(parsed) : parsed.customers.finish(parsed);
        RunRequest request = new RunRequest(base.runId(), inputName, hex, started, base.outputDir(),
                new InputFacts(detected, result.transactions));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Read {} ({} source): {} customer rows, {} loaded, {} quarantined, in {} ms", inputName, settings.kind(),
                result.rowsRead, result.table.rows(), result.rejected.size(), ms);
        return SegmentationRun.ingested(request, result.rowsRead, result.table, new Quarantine(result.rejected), result.warnings, ms);
    }

    /** The customer-level outcome: rows read = table rows + rejected, always. */
    private record Result(long rowsRead, CustomerTable table, List<RejectedRow> rejected, List<String> warnings,
                          InputFacts.TransactionCounts transactions) {
        Result {
            if (rowsRead != table.rows() + rejected.size()) {
                throw new IllegalStateException("rows read " + rowsRead + " != loaded " + table.rows() + " + quarantined " + rejected.size());
            }
        }
    }

    private byte[] decompressed(InputStream digesting, Map<String, String> detected) throws IOException {
        InputStream buffered = new java.io.BufferedInputStream(digesting, 1 << 16);
        buffered.mark(2);
        boolean gzip = buffered.read() == 0x1f && buffered.read() == 0x8b;
        buffered.reset();
        InputStream source = gzip ? new GZIPInputStream(buffered, 1 << 16) : buffered;
        detected.put("compression", gzip ? "gzip (detected)" : "none");
        long limit = (long) settings.maxMegabytes() << 20;
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
        byte[] chunk = new byte[1 << 16];
        for (int n; (n = source.read(chunk)) != -1; ) {
            out.write(chunk, 0, n);
            if (out.size() > limit) {
                throw new InputRejectedException("the file is larger than segmentation.source.max-megabytes="
                        + settings.maxMegabytes() + " MiB" + (gzip ? " once decompressed" : ""));
            }
        }
        digesting.transferTo(java.io.OutputStream.nullOutputStream()); // hash any bytes after the gzip member
        if (out.size() == 0) throw new InputRejectedException("the file is empty");
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- parsing

    /** Everything parsing found: the rows (customers or transactions) and what was detected. */
    private static final class Parsed {
        CustomerRows customers;
        TransactionRows transactions;
        List<String> warnings = new ArrayList<>();
        Map<String, String> detected;
    }

    private Parsed parse(byte[] bytes, String inputName, Map<String, String> detected) {
        SourceDetection.Encoding encoding = SourceDetection.encoding(bytes, bytes.length, settings.encoding());
        detected.put("encoding", encoding.description());
        List<String> sample = sampleLines(bytes, encoding);
        if (sample.isEmpty()) throw new InputRejectedException("the file is empty");
        String delimiter = settings.delimiter();
        if (delimiter.equals("auto")) {
            delimiter = SourceDetection.delimiter(sample);
            if (delimiter == null) {
                throw new InputRejectedException("cannot tell the delimiter: no comma, semicolon, tab or pipe splits the first "
                        + sample.size() + " lines into the same number of fields; set segmentation.source.delimiter");
            }
            detected.put("delimiter", SourceDetection.describe(delimiter) + " (detected)");
        } else {
            detected.put("delimiter", SourceDetection.describe(delimiter) + " (profile)");
        }
        Parsed parsed = new Parsed();
        parsed.detected = detected;
        try (Rows rows = rows(bytes, encoding, delimiter)) {
            if (!rows.next()) throw new InputRejectedException("the file is empty");
            String[] first = rows.fields();
            List<String[]> buffered = new ArrayList<>();
            List<Long> bufferedLines = new ArrayList<>();
            while (buffered.size() < settings.detectRows() && rows.next()) {
                buffered.add(rows.fields());
                bufferedLines.add(rows.line());
            }
            boolean hasHeader = switch (settings.header()) {
                case "true" -> true;
                case "false" -> false;
                default -> SourceDetection.looksLikeHeader(List.of(first),
                        buffered.stream().limit(SAMPLE_LINES).map(List::of).toList());
            };
            detected.put("header", (hasHeader ? "yes" : "no") + (settings.header().equals("auto") ? " (detected)" : " (profile)"));
            Columns columns = new Columns(hasHeader ? first : null, first.length);
            if (!hasHeader) {
                buffered.add(0, first);
                bufferedLines.add(0, 1L);
            }
            RowSink sink;
            if (settings.transactional()) {
                parsed.transactions = new TransactionRows(columns, buffered, detected, inputName, delimiter);
                sink = parsed.transactions;
            } else {
                parsed.customers = new CustomerRows(columns, buffered, detected, inputName, delimiter);
                sink = parsed.customers;
            }
            for (int i = 0; i < buffered.size(); i++) sink.add(buffered.get(i), bufferedLines.get(i));
            buffered.clear();
            while (rows.next()) sink.add(rows.fields(), rows.line());
            if (sink.rowsRead() == 0) throw new InputRejectedException("the file has a header but no data rows");
        } catch (IOException e) {
            throw new InputRejectedException("the file is not valid CSV: " + e.getMessage(), e);
        } catch (UncheckedIOException e) {
            throw new InputRejectedException("the file is not valid CSV: " + String.valueOf(e.getCause().getMessage()).replace('\n', ' '), e);
        }
        return parsed;
    }

    private List<String> sampleLines(byte[] bytes, SourceDetection.Encoding encoding) {
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(reader(bytes, encoding))) {
            for (String line; lines.size() < SAMPLE_LINES && (line = r.readLine()) != null; ) {
                if (!line.isBlank()) lines.add(line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return lines;
    }

    private static Reader reader(byte[] bytes, SourceDetection.Encoding encoding) {
        return new InputStreamReader(new ByteArrayInputStream(bytes, encoding.bomLength(), bytes.length - encoding.bomLength()),
                encoding.charset());
    }

    /** Records with the physical line each starts on; blank lines are skipped. */
    private abstract static class Rows implements AutoCloseable {
        String[] fields;
        long line;

        /** Moves to the next non-blank record, setting fields and line; false at the end. */
        abstract boolean next() throws IOException;

        String[] fields() {
            return fields;
        }

        long line() {
            return line;
        }

        @Override
        public abstract void close() throws IOException;
    }

    private Rows rows(byte[] bytes, SourceDetection.Encoding encoding, String delimiter) throws IOException {
        Reader reader = reader(bytes, encoding);
        if (delimiter.equals(SourceSettings.WHITESPACE)) {
            BufferedReader lines = new BufferedReader(reader, 1 << 16);
            return new Rows() {
                boolean next() throws IOException {
                    for (String text; (text = lines.readLine()) != null; ) {
                        line++;
                        if (!text.isBlank()) {
                            fields = text.trim().split("\\s+");
                            return true;
                        }
                    }
                    return false;
                }

                public void close() throws IOException {
                    lines.close();
                }
            };
        }
        CSVParser parser = CSVParser.parse(reader, CSVFormat.RFC4180.builder().setDelimiter(delimiter.charAt(0))
                .setIgnoreEmptyLines(false).get());
        Iterator<CSVRecord> records = parser.iterator();
        return new Rows() {
            long lineAfterPrevious;

            boolean next() {
                while (records.hasNext()) {
                    CSVRecord record = records.next();
                    line = lineAfterPrevious + 1;
                    lineAfterPrevious = parser.getCurrentLineNumber();
                    if (!(record.size() == 1 && record.get(0).isBlank())) {
                        fields = record.values();
                        return true;
                    }
                }
                return false;
            }

            public void close() throws IOException {
                parser.close();
            }
        };
    }

    /** Where the profile's columns are: by header name (case-insensitive) or by #position. */
    private final class Columns {
        final String[] header;
        final int fields;
        final Map<String, Integer> byName = new HashMap<>();

        Columns(String[] header, int fields) {
            this.header = header;
            this.fields = fields;
            if (header != null) {
                for (int i = 0; i < header.length; i++) byName.putIfAbsent(normal(header[i]), i);
            }
        }

        int index(String column, String key) {
            if (column.equalsIgnoreCase(SourceSettings.ROW_NUMBER)) return -1;
            if (column.matches("#[0-9]+")) {
                int i = Integer.parseInt(column.substring(1)) - 1;
                if (i >= 0 && i < fields) return i;
                throw new InputRejectedException(key + ": column " + column + " does not exist; the file has " + fields + " columns");
            }
            Integer i = byName.get(normal(column));
            if (i == null) {
                throw new InputRejectedException(key + ": column '" + column + "' is missing; found: "
                        + (header == null ? "no header (use #1, #2, ...)" : String.join(", ", header)));
            }
            return i;
        }

        private String normal(String name) {
            return name.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * Takes the data rows one by one. Every source counts them, reports progress and quarantines a
     * row with the wrong number of fields or no customer id the same way; the rest is its own.
     */
    private abstract class RowSink {
        final Columns columns;
        final String inputName;
        final String delimiter;
        final String rowsNoun;
        final int idIndex;
        final List<RejectedRow> rejected = new ArrayList<>();
        long rowsRead;

        RowSink(Columns columns, String inputName, String delimiter, String rowsNoun) {
            this.columns = columns;
            this.inputName = inputName;
            this.delimiter = delimiter;
            this.rowsNoun = rowsNoun;
            this.idIndex = columns.index(settings.idColumn(), "segmentation.source.id-column");
        }

        final void add(String[] f, long line) {
            if (++rowsRead % PROGRESS_EVERY == 0) LOG.info("Reading {}: {} {} so far", inputName, rowsRead, rowsNoun);
            String id = idIndex < 0 ? Long.toString(rowsRead) : idIndex < f.length ? f[idIndex].trim() : "";
            if (f.length != columns.fields) {
                reject(line, id, RejectReason.WRONG_FIELD_COUNT, "expected " + columns.fields + " fields, found " + f.length, f);
                return;
            }
            if (id.isEmpty()) {
                reject(line, id, RejectReason.MISSING_CUSTOMER_ID, "no " + settings.idColumn(), f);
                return;
            }
            addWithId(f, line, id);
        }

        /** A row with the right number of fields and a customer id. */
        abstract void addWithId(String[] f, long line, String id);

        final long rowsRead() {
            return rowsRead;
        }

        final void reject(long line, String id, RejectReason reason, String detail, String[] f) {
            rejected.add(new RejectedRow(line, id, reason, detail, join(f, delimiter)));
        }
    }

    /** A date column's formatter, with the last text and day cached (orders repeat their date on every line). */
    private static final class DateColumn {
        final String name;
        final String pattern;
        final DateTimeFormatter formatter;
        String lastText;
        long lastDay;

        DateColumn(String name, String column, List<String> sample, Map<String, String> detected, SourceSettings settings) {
            this.name = name;
            if (settings.dateFormat().equals("auto")) {
                SourceDetection.DateFormat f = SourceDetection.dateFormat(column, sample, settings.ambiguousDates());
                pattern = f.pattern();
                detected.put("date-format " + name, f.description());
            } else {
                pattern = SourceDetection.datePart(settings.dateFormat());
                detected.put("date-format " + name, SourceDetection.pattern(pattern) + " (profile" + (pattern.equals(settings.dateFormat())
                        ? ")" : "; the time of day is ignored)"));
            }
            formatter = SourceDetection.formatter(pattern);
        }

        /** Epoch day, or Long.MIN_VALUE when the text is not a date in this format. */
        long day(String text) {
            if (text.equals(lastText)) return lastDay;
            try {
                lastDay = LocalDate.parse(SourceDetection.datePart(text), formatter).toEpochDay();
                lastText = text;
                return lastDay;
            } catch (DateTimeParseException e) {
                return Long.MIN_VALUE;
            }
        }

        String invalid(String text) {
            return name + " '" + abbreviate(text) + "' is not a valid date (expected " + SourceDetection.pattern(pattern) + ")";
        }
    }

    private List<String> sampleOf(List<String[]> rows, int column) {
        List<String> values = new ArrayList<>();
        for (String[] row : rows) {
            if (column < row.length && !row[column].isBlank()) values.add(row[column].trim());
        }
        return values;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    /** NaN for an empty cell, the number, or null when the cell is not a number. */
    private Double number(String cell) {
        String t = cell.trim();
        if (isMissing.test(t)) return Double.NaN;
        if (!DecimalSyntax.isPlainDecimal(t)) return null;
        double v = Double.parseDouble(t);
        return Double.isFinite(v) ? v : null;
    }

    private static String join(String[] fields, String delimiter) {
        return String.join(delimiter.equals(SourceSettings.WHITESPACE) ? " " : delimiter, fields);
    }

    // ---------------------------------------------------------------- customer-level sources

    /** One row per customer: numeric, categorical and date columns into growing arrays. */
    private final class CustomerRows extends RowSink {
        final String[] numericNames;
        final int[] numericIndex;
        final String[] categoricalNames;
        final int[] categoricalIndex;
        final DateColumn[] dates;
        final int[] dateIndex;
        final List<String> ids = new ArrayList<>();
        long[] lines = new long[1024];
        double[][] numeric;
        double[][] day;
        final List<List<String>> categories = new ArrayList<>();
        /** The rows as read, kept only when plausibility ranges may quarantine a row after reading. */
        final List<String> raws = settings.ranges().isEmpty() ? null : new ArrayList<>();

        CustomerRows(Columns columns, List<String[]> sample, Map<String, String> detected, String inputName, String delimiter) {
            super(columns, inputName, delimiter, "rows");
            numericNames = settings.numeric().keySet().toArray(String[]::new);
            numericIndex = settings.numeric().values().stream().mapToInt(c -> columns.index(c, "segmentation.source.numeric-columns")).toArray();
            categoricalNames = settings.categorical().keySet().toArray(String[]::new);
            categoricalIndex = settings.categorical().values().stream()
                    .mapToInt(c -> columns.index(c, "segmentation.source.categorical-columns")).toArray();
            dateIndex = settings.dates().values().stream().mapToInt(c -> columns.index(c, "segmentation.source.date-columns")).toArray();
            List<String> dateNames = List.copyOf(settings.dates().keySet());
            List<String> dateColumns = List.copyOf(settings.dates().values());
            dates = new DateColumn[dateIndex.length];
            for (int j = 0; j < dates.length; j++) {
                dates[j] = new DateColumn(dateNames.get(j), dateColumns.get(j), sampleOf(sample, dateIndex[j]), detected, settings);
            }
            numeric = new double[numericIndex.length][1024];
            day = new double[dateIndex.length][1024];
            for (int j = 0; j < categoricalIndex.length; j++) categories.add(new ArrayList<>());
        }

        @Override
        void addWithId(String[] f, long line, String id) {
            int row = ids.size();
            grow(row + 1);
            for (int j = 0; j < numericIndex.length; j++) {
                Double v = number(f[numericIndex[j]]);
                if (v == null) {
                    reject(line, id, RejectReason.NOT_A_NUMBER, numericNames[j] + " is not a number ('" + abbreviate(f[numericIndex[j]].trim()) + "')", f);
                    return;
                }
                numeric[j][row] = v;
            }
            for (int j = 0; j < dateIndex.length; j++) {
                String text = f[dateIndex[j]].trim();
                long d = text.isEmpty() ? Long.MAX_VALUE : dates[j].day(text);
                if (d == Long.MIN_VALUE) {
                    reject(line, id, RejectReason.INVALID_DATE, dates[j].invalid(text), f);
                    return;
                }
                day[j][row] = d == Long.MAX_VALUE ? Double.NaN : d;
            }
            for (int j = 0; j < categoricalIndex.length; j++) categories.get(j).add(f[categoricalIndex[j]].trim());
            if (raws != null) raws.add(join(f, delimiter));
            ids.add(id);
            lines[row] = line;
        }

        private void grow(int rows) {
            if (rows <= lines.length) return;
            int capacity = Math.max(rows, lines.length * 2);
            lines = Arrays.copyOf(lines, capacity);
            for (int j = 0; j < numeric.length; j++) numeric[j] = Arrays.copyOf(numeric[j], capacity);
            for (int j = 0; j < day.length; j++) day[j] = Arrays.copyOf(day[j], capacity);
        }

        Result finish(Parsed parsed) {
            if (ids.isEmpty()) throw nothingUsable(rowsRead, rejected);
            int n = ids.size();
            Map<String, double[]> num = new LinkedHashMap<>();
            for (int j = 0; j < numericNames.length; j++) num.put(numericNames[j], Arrays.copyOf(numeric[j], n));
            Map<String, double[]> dateCols = new LinkedHashMap<>();
            for (int j = 0; j < dates.length; j++) dateCols.put(dates[j].name, Arrays.copyOf(day[j], n));
            Map<String, String[]> cats = new LinkedHashMap<>();
            for (int j = 0; j < categoricalNames.length; j++) cats.put(categoricalNames[j], categories.get(j).toArray(String[]::new));
            return customerLevel(rowsRead, ids.toArray(String[]::new), Arrays.copyOf(lines, n), num, dateCols, cats,
                    raws == null ? null : raws.toArray(String[]::new), rejected, parsed, null);
        }
    }

    /**
     * The steps every customer-level table goes through, read or aggregated: derived features,
     * plausibility ranges (quarantine), category grouping and one-hot encoding, clipping.
     */
    private Result customerLevel(long rowsRead, String[] ids, long[] lines, Map<String, double[]> numeric,
                                 Map<String, double[]> dates, Map<String, String[]> categorical, String[] raws,
                                 List<RejectedRow> rejectedSoFar,
                                 Parsed parsed, InputFacts.TransactionCounts transactions) {
        List<RejectedRow> rejected = new ArrayList<>(rejectedSoFar);
        LocalDate reference = reference(dates);
        for (DerivedFeature feature : derived) {
            numeric.put(feature.name(), feature.compute(numeric, dates, reference, ids.length));
        }
        // plausibility: a value outside its range quarantines the row (a missing value is left to imputation)
        boolean[] drop = new boolean[ids.length];
        int dropped = 0;
        for (Map.Entry<String, double[]> range : settings.ranges().entrySet()) {
            double[] values = numeric.get(range.getKey());
            if (values == null) {
                throw new IllegalArgumentException("segmentation.source.valid-ranges: no feature '" + range.getKey() + "'; known: "
                        + String.join(", ", numeric.keySet()));
            }
            double min = range.getValue()[0], max = range.getValue()[1];
            for (int i = 0; i < ids.length; i++) {
                if (!drop[i] && (values[i] < min || values[i] > max)) {
                    drop[i] = true;
                    dropped++;
                    rejected.add(new RejectedRow(lines[i], ids[i], RejectReason.OUT_OF_RANGE, range.getKey() + " " + plain(values[i])
                            + " is outside the plausible range " + plain(min) + ".." + plain(max), raws != null ? raws[i] : rowText(ids[i], numeric, i)));
                }
            }
        }
        int[] kept = new int[ids.length - dropped];
        for (int i = 0, k = 0; i < ids.length; i++) if (!drop[i]) kept[k++] = i;
        String[] keptIds = new String[kept.length];
        long[] keptLines = new long[kept.length];
        for (int k = 0; k < kept.length; k++) {
            keptIds[k] = ids[kept[k]];
            keptLines[k] = lines[kept[k]];
        }
        Map<String, double[]> outNumeric = new LinkedHashMap<>();
        numeric.forEach((name, values) -> outNumeric.put(name, select(values, kept)));
        Map<String, double[]> outDates = new LinkedHashMap<>();
        dates.forEach((name, values) -> outDates.put(name, select(values, kept)));
        categorical.forEach((name, values) -> oneHot(name, values, kept, outNumeric, parsed.warnings));
        for (String column : settings.clipColumns()) clip(column, outNumeric, parsed.detected);
        CustomerTable table = new CustomerTable(keptIds, keptLines, outNumeric, outDates);
        return new Result(rowsRead, table, rejected, parsed.warnings, transactions);
    }

    private LocalDate reference(Map<String, double[]> dates) {
        return switch (settings.referenceDate()) {
            case "today" -> LocalDate.now(clock);
            case "newest" -> {
                double newest = Double.NEGATIVE_INFINITY;
                for (double[] column : dates.values()) for (double d : column) if (d > newest) newest = d;
                yield newest == Double.NEGATIVE_INFINITY ? LocalDate.now(clock) : LocalDate.ofEpochDay((long) newest);
            }
            default -> LocalDate.parse(settings.referenceDate());
        };
    }

    /**
     * One 0/1 column per category, named feature_category. Categories are trimmed and compared
     * case-insensitively, grouped as the profile says, and those rarer than min-category-count
     * become "other"; an empty cell is the category "missing".
     */
    private void oneHot(String feature, String[] raw, int[] kept, Map<String, double[]> out, List<String> warnings) {
        Map<String, String> groups = settings.categoryGroups().getOrDefault(feature, Map.of());
        String[] category = new String[kept.length];
        Map<String, Integer> counts = new HashMap<>();
        for (int k = 0; k < kept.length; k++) {
            String v = raw[kept[k]].toLowerCase(Locale.ROOT);
            String c = v.isEmpty() ? MISSING_CATEGORY : groups.getOrDefault(v, v);
            category[k] = c;
            counts.merge(c, 1, Integer::sum);
        }
        List<String> rare = counts.entrySet().stream().filter(e -> e.getValue() < settings.minCategoryCount())
                .map(Map.Entry::getKey).sorted().toList();
        if (!rare.isEmpty()) {
            warnings.add(feature + ": " + rare.size() + " rare categories grouped as '" + OTHER_CATEGORY + "' (fewer than "
                    + settings.minCategoryCount() + " rows each): " + String.join(", ", rare));
            for (int k = 0; k < category.length; k++) if (rare.contains(category[k])) category[k] = OTHER_CATEGORY;
            counts.clear();
            for (String c : category) counts.merge(c, 1, Integer::sum);
        }
        List<String> order = counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).toList();
        for (String c : order) {
            double[] column = new double[kept.length];
            for (int k = 0; k < kept.length; k++) column[k] = category[k].equals(c) ? 1 : 0;
            out.put(feature + "_" + SourceSettings.featureName(c), column);
        }
    }

    private void clip(String column, Map<String, double[]> numeric, Map<String, String> detected) {
        double[] values = numeric.get(column);
        if (values == null) {
            throw new IllegalArgumentException("segmentation.source.clip-columns: no feature '" + column + "'; known: "
                    + String.join(", ", numeric.keySet()));
        }
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) return;
        double low = Median.quantileOfSorted(sorted, settings.clipLow());
        double high = Median.quantileOfSorted(sorted, settings.clipHigh());
        int clipped = 0;
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) {
            if (out[i] < low) { out[i] = low; clipped++; }
            else if (out[i] > high) { out[i] = high; clipped++; }
        }
        numeric.put(column, out);
        detected.put("clipped " + column, clipped + " values to [" + plain(low) + ", " + plain(high) + "] (quantiles "
                + settings.clipLow() + ", " + settings.clipHigh() + ")");
    }

    /** Linear interpolation between closest ranks (the R-7 / NumPy default). */
    private static double[] select(double[] values, int[] rows) {
        double[] out = new double[rows.length];
        for (int k = 0; k < rows.length; k++) out[k] = values[rows[k]];
        return out;
    }

    /** An aggregated customer has no line of its own: its id and numbers stand for the raw row. */
    private static String rowText(String id, Map<String, double[]> numeric, int row) {
        StringBuilder out = new StringBuilder(id);
        numeric.values().forEach(v -> out.append(',').append(plain(v[row])));
        return out.toString();
    }

    private static String plain(double v) {
        if (Double.isNaN(v)) return "";
        if (Double.isInfinite(v)) return "";
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                : new java.math.BigDecimal(v).setScale(2, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    // ---------------------------------------------------------------- transaction sources

    /** Transaction rows into dictionary codes and primitive columns, checked one by one. */
    private final class TransactionRows extends RowSink {
        final SourceSettings.TransactionSettings rules;
        final int invoiceIndex, quantityIndex, priceIndex, dateIndex;
        final DateColumn date;
        final Map<String, Integer> customerCodes = new HashMap<>();
        final List<String> customerIds = new ArrayList<>();
        long[] firstLine = new long[1024];
        final Map<String, Integer> invoiceCodes = new HashMap<>();
        int[] customer = new int[1 << 16];
        int[] invoice = new int[1 << 16];
        double[] quantity = new double[1 << 16];
        double[] price = new double[1 << 16];
        int[] day = new int[1 << 16];
        boolean[] cancelled = new boolean[1 << 16];
        int used;
        long cancellations;

        TransactionRows(Columns columns, List<String[]> sample, Map<String, String> detected, String inputName, String delimiter) {
            super(columns, inputName, delimiter, "transaction rows");
            this.rules = settings.transactions();
            invoiceIndex = columns.index(rules.invoiceColumn(), "segmentation.source.invoice-column");
            quantityIndex = columns.index(rules.quantityColumn(), "segmentation.source.quantity-column");
            priceIndex = columns.index(rules.priceColumn(), "segmentation.source.price-column");
            dateIndex = columns.index(rules.dateColumn(), "segmentation.source.transaction-date-column");
            date = new DateColumn(SourceSettings.featureName(rules.dateColumn()), rules.dateColumn(), sampleOf(sample, dateIndex),
                    detected, settings);
        }

        @Override
        void addWithId(String[] f, long line, String id) {
            String invoiceNo = f[invoiceIndex].trim();
            boolean cancel = !rules.cancellationPrefix().isEmpty() && invoiceNo.startsWith(rules.cancellationPrefix());
            if (cancel) cancellations++;
            Double q = number(f[quantityIndex]);
            Double p = number(f[priceIndex]);
            if (q == null || q.isNaN()) {
                reject(line, id, RejectReason.NOT_A_NUMBER, rules.quantityColumn() + " is not a number ('" + abbreviate(f[quantityIndex].trim()) + "')", f);
                return;
            }
            if (p == null || p.isNaN()) {
                reject(line, id, RejectReason.NOT_A_NUMBER, rules.priceColumn() + " is not a number ('" + abbreviate(f[priceIndex].trim()) + "')", f);
                return;
            }
            String dateText = f[dateIndex].trim();
            long d = dateText.isEmpty() ? Long.MIN_VALUE : date.day(dateText);
            if (d == Long.MIN_VALUE) {
                reject(line, id, RejectReason.INVALID_DATE, date.invalid(dateText), f);
                return;
            }
            if (p < 0) {
                reject(line, id, RejectReason.NEGATIVE_VALUE, rules.priceColumn() + " is negative (" + f[priceIndex].trim() + ")", f);
                return;
            }
            if (cancel && rules.cancellations().equals("quarantine")) {
                reject(line, id, RejectReason.CANCELLATION, "invoice " + invoiceNo + " is a cancellation (segmentation.source.cancellations=quarantine)", f);
                return;
            }
            if (!cancel && q < 0) {
                if (rules.negativeQuantity().equals("quarantine")) {
                    reject(line, id, RejectReason.NEGATIVE_VALUE, rules.quantityColumn() + " is negative (" + f[quantityIndex].trim()
                            + ") on an invoice that is not a cancellation", f);
                    return;
                }
                cancel = true; // a return: netted like a cancellation
            }
            Integer c = customerCodes.get(id);
            if (c == null) {
                c = customerIds.size();
                customerCodes.put(id, c);
                customerIds.add(id);
                if (c == firstLine.length) firstLine = Arrays.copyOf(firstLine, c * 2);
                firstLine[c] = line;
            }
            Integer inv = invoiceCodes.get(invoiceNo);
            if (inv == null) {
                inv = invoiceCodes.size();
                invoiceCodes.put(invoiceNo, inv);
            }
            if (used == customer.length) grow();
            customer[used] = c;
            invoice[used] = inv;
            quantity[used] = q;
            price[used] = p;
            day[used] = (int) d;
            cancelled[used] = cancel;
            used++;
        }

        private void grow() {
            int capacity = customer.length * 2;
            customer = Arrays.copyOf(customer, capacity);
            invoice = Arrays.copyOf(invoice, capacity);
            quantity = Arrays.copyOf(quantity, capacity);
            price = Arrays.copyOf(price, capacity);
            day = Arrays.copyOf(day, capacity);
            cancelled = Arrays.copyOf(cancelled, capacity);
        }

        Result finish(Parsed parsed) {
            if (used == 0) throw nothingUsable(rowsRead, rejected);
            long t0 = System.nanoTime();
            TransactionAggregator.PerCustomer per = new TransactionAggregator().aggregate(
                    new TransactionAggregator.Transactions(used, customer, invoice, quantity, price, day, cancelled),
                    customerIds.size(), invoiceCodes.size());
            long nanos = Math.max(1, System.nanoTime() - t0);
            parsed.detected.put("aggregation", String.format(Locale.ROOT, "%,d transaction rows into %,d customers in %.1f ms"
                    + " (%,.0f rows/s)", used, customerIds.size(), nanos / 1e6, used * 1e9 / nanos));
            int n = customerIds.size();
            List<RejectedRow> noOrders = new ArrayList<>();
            int[] kept = new int[n];
            int k = 0;
            for (int c = 0; c < n; c++) {
                if (per.orders()[c] == 0) {
                    noOrders.add(new RejectedRow(firstLine[c], customerIds.get(c), RejectReason.NO_ORDERS,
                            "only cancellations or returns (monetary " + plain(per.monetary()[c]) + ")", customerIds.get(c)));
                } else {
                    kept[k++] = c;
                }
            }
            kept = Arrays.copyOf(kept, k);
            String[] ids = new String[k];
            long[] lines = new long[k];
            double[] frequency = new double[k], monetary = new double[k], aov = new double[k], items = new double[k];
            double[] first = new double[k], last = new double[k];
            for (int i = 0; i < k; i++) {
                int c = kept[i];
                ids[i] = customerIds.get(c);
                lines[i] = firstLine[c];
                frequency[i] = per.orders()[c];
                monetary[i] = per.monetary()[c];
                aov[i] = per.averageOrderValue(c);
                items[i] = per.items()[c];
                first[i] = per.firstDay()[c];
                last[i] = per.lastDay()[c];
            }
            // Customers appear in first-transaction order; the rows rejected here come back in line order.
            Map<String, double[]> numeric = new LinkedHashMap<>();
            numeric.put("frequency", frequency);
            numeric.put("monetary", monetary);
            numeric.put("avg_order_value", aov);
            numeric.put("items", items);
            Map<String, double[]> dates = new LinkedHashMap<>();
            dates.put("first_order", first);
            dates.put("last_order", last);
            Map<String, Integer> reasons = new java.util.TreeMap<>();
            rejected.forEach(r -> reasons.merge(r.reason().key(), 1, Integer::sum));
            InputFacts.TransactionCounts counts = new InputFacts.TransactionCounts(rowsRead, used, rejected.size(), cancellations, n,
                    reasons, rejected, nanos);
            LOG.info("Aggregated {}: {} transaction rows read, {} used, {} quarantined {}; {} customers", inputName, rowsRead, used,
                    rejected.size(), reasons, n);
            return customerLevel(n, ids, lines, numeric, dates, new LinkedHashMap<>(), null, noOrders, parsed, counts);
        }
    }

    private static InputRejectedException nothingUsable(long rows, List<RejectedRow> rejected) {
        RejectedRow first = rejected.get(0);
        return new InputRejectedException("none of the " + rows + " rows can be used; the first, line " + first.sourceLine() + ": "
                + first.detail());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
