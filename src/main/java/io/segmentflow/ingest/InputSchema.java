package io.segmentflow.ingest;

import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which columns a source must have and how to read them (the default profile:
 * customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date).
 *
 * @param idColumn       the customer id column
 * @param numericColumns numeric feature columns
 * @param dateColumns    date columns, read with {@code dateFormat}
 * @param dateFormat     a java.time pattern, read strictly (2024-02-30 is an error, not March 1st)
 * @param delimiter      the field separator
 * @param missingTokens  cell values that mean "missing" (compared case-insensitively, after trimming)
 * @param maxLineLength  characters one physical line may have before the file is rejected
 * @param optionalText   optional text columns by role (e-mail, opt-out, consent, name): read when the
 *                       input has them, so files without them keep working
 */
public record InputSchema(String idColumn, List<String> numericColumns, List<String> dateColumns,
                          String dateFormat, char delimiter, Set<String> missingTokens, int maxLineLength,
                          Map<String, String> optionalText) {

    /** A schema without optional text columns. */
    public InputSchema(String idColumn, List<String> numericColumns, List<String> dateColumns, String dateFormat,
                       char delimiter, Set<String> missingTokens, int maxLineLength) {
        this(idColumn, numericColumns, dateColumns, dateFormat, delimiter, missingTokens, maxLineLength, Map.of());
    }

    public InputSchema {
        Map<String, String> text = new LinkedHashMap<>();
        (optionalText == null ? Map.<String, String>of() : optionalText).forEach((role, column) -> {
            if (column != null && !column.isBlank()) text.put(role, normalise(column));
        });
        optionalText = Collections.unmodifiableMap(text);
        idColumn = normalise(idColumn);
        numericColumns = numericColumns.stream().map(InputSchema::normalise).toList();
        dateColumns = dateColumns.stream().map(InputSchema::normalise).toList();
        missingTokens = missingTokens.stream().map(t -> t.trim().toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        DateTimeFormatter.ofPattern(dateFormat); // fail at start-up, not on the first row
        if (maxLineLength < 1024) {
            throw new IllegalArgumentException("segmentation.input.max-line-length must be at least 1024, was " + maxLineLength);
        }
    }

    static String normalise(String column) {
        return column.trim().toLowerCase(Locale.ROOT);
    }

    public List<String> requiredColumns() {
        List<String> all = new ArrayList<>();
        all.add(idColumn);
        all.addAll(numericColumns);
        all.addAll(dateColumns);
        return all;
    }

    public DateTimeFormatter dateFormatter() {
        // 'uuuu' rather than 'yyyy': STRICT resolving needs a proleptic year, not a year-of-era.
        return DateTimeFormatter.ofPattern(dateFormat.replace("yyyy", "uuuu"), Locale.ROOT)
                .withResolverStyle(ResolverStyle.STRICT);
    }

    public boolean isMissing(String trimmed) {
        return trimmed.isEmpty() || missingTokens.contains(trimmed.toUpperCase(Locale.ROOT));
    }
}
