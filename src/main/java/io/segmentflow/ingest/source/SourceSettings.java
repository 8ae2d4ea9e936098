package io.segmentflow.ingest.source;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to read a source that is not in the default schema: the {@code segmentation.source.*} keys of
 * a profile (config/profiles/NAME.properties). Column references are header names (compared
 * case-insensitively) or 1-based positions written {@code #3}; the id column may be {@value #ROW_NUMBER}.
 *
 * @param kind              customers (one row per customer) or transactions (aggregated per customer)
 * @param encoding          auto, utf-8 or windows-1252
 * @param delimiter         auto, or the delimiter; {@link #WHITESPACE} for whitespace-aligned columns
 * @param header            auto, true or false
 * @param idColumn          the customer id column
 * @param numeric           feature name -> column
 * @param categorical       feature name -> column; one-hot encoded, one 0/1 column per category
 * @param dates             feature name -> column
 * @param dateFormat        a java.time pattern, or auto (detected from the values)
 * @param ambiguousDates    day-first or month-first: the choice when both fit every sampled value
 * @param derived           name -> expression, in order (see {@link DerivedFeature})
 * @param ranges            feature -> plausible [min, max]; a value outside quarantines the row
 * @param categoryGroups    feature -> (category -> group); unlisted categories keep their own name
 * @param minCategoryCount  categories with fewer rows become "other"
 * @param clipColumns       features clipped at the quantiles below
 * @param clipLow           lower clipping quantile
 * @param clipHigh          upper clipping quantile
 * @param referenceDate     newest, today or an ISO date: what ages and tenures are measured against
 * @param detectRows        rows sampled for header and date-format detection
 * @param maxMegabytes      the largest (decompressed) file read, in MiB
 * @param transactions      the transaction columns and rules, for kind = transactions
 */
public record SourceSettings(String kind, String encoding, String delimiter, String header, String idColumn,
                             Map<String, String> numeric, Map<String, String> categorical, Map<String, String> dates,
                             String dateFormat, String ambiguousDates, Map<String, String> derived,
                             Map<String, double[]> ranges, Map<String, Map<String, String>> categoryGroups,
                             int minCategoryCount, List<String> clipColumns, double clipLow, double clipHigh,
                             String referenceDate, int detectRows, int maxMegabytes, TransactionSettings transactions) {
    public static final String WHITESPACE = "whitespace";
    public static final String DEFAULT_KIND = "default";
    /** As the id column: the data row's number (1 = the first data row), for files without an id. */
    public static final String ROW_NUMBER = "#row";

    /**
     * @param invoiceColumn       the order (invoice) number
     * @param quantityColumn      items in the row
     * @param priceColumn         price per item
     * @param dateColumn          when the order was placed
     * @param cancellationPrefix  invoice numbers starting with this are cancellations (empty: none)
     * @param cancellations       net (subtracted from monetary, not counted as orders) or quarantine
     * @param negativeQuantity    for negative quantities outside cancellations: net or quarantine
     */
    public record TransactionSettings(String invoiceColumn, String quantityColumn, String priceColumn, String dateColumn,
                                      String cancellationPrefix, String cancellations, String negativeQuantity) {
        public TransactionSettings {
            oneOf("segmentation.source.cancellations", cancellations, "net", "quarantine");
            oneOf("segmentation.source.negative-quantity", negativeQuantity, "net", "quarantine");
        }
    }

    public SourceSettings {
        oneOf("segmentation.source.kind", kind, DEFAULT_KIND, "customers", "transactions");
        oneOf("segmentation.source.encoding", encoding, "auto", "utf-8", "windows-1252");
        oneOf("segmentation.source.header", header, "auto", "true", "false");
        oneOf("segmentation.source.ambiguous-dates", ambiguousDates, "day-first", "month-first");
        if (!delimiter.equals("auto") && !delimiter.equals(WHITESPACE) && delimiter.length() != 1) {
            throw new IllegalArgumentException("segmentation.source.delimiter must be auto, whitespace, tab, comma, semicolon,"
                    + " pipe or one character, was '" + delimiter + "'");
        }
        if (kind.equals("transactions") && transactions == null) {
            throw new IllegalArgumentException("a transactions source needs segmentation.source.invoice-column,"
                    + " quantity-column, price-column and transaction-date-column");
        }
        if (!kind.equals(DEFAULT_KIND) && idColumn.isEmpty()) {
            throw new IllegalArgumentException("segmentation.source.id-column is not set");
        }
        if (!(clipLow >= 0 && clipLow < clipHigh && clipHigh <= 1)) {
            throw new IllegalArgumentException("segmentation.source.clip-quantiles must be two quantiles low,high with"
                    + " 0 <= low < high <= 1");
        }
        numeric = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(numeric));
        categorical = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(categorical));
        dates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(dates));
        derived = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(derived));
        clipColumns = List.copyOf(clipColumns);
    }

    public boolean profiled() {
        return !kind.equals(DEFAULT_KIND);
    }

    public boolean transactional() {
        return kind.equals("transactions");
    }

    /** Reads the keys through {@code lookup} (a Camel properties component, or a map in tests). */
    public static SourceSettings from(Function<String, Optional<String>> lookup) {
        Keys k = new Keys(lookup);
        String kind = k.string("segmentation.source.kind", DEFAULT_KIND).toLowerCase(Locale.ROOT);
        TransactionSettings tx = null;
        if (kind.equals("transactions")) {
            tx = new TransactionSettings(k.required("segmentation.source.invoice-column"),
                    k.required("segmentation.source.quantity-column"), k.required("segmentation.source.price-column"),
                    k.required("segmentation.source.transaction-date-column"),
                    k.string("segmentation.source.cancellation-prefix", ""),
                    k.string("segmentation.source.cancellations", "net"),
                    k.string("segmentation.source.negative-quantity", "quarantine"));
        }
        Map<String, String> derived = new LinkedHashMap<>();
        for (String name : k.list("segmentation.source.derived")) {
            derived.put(name.toLowerCase(Locale.ROOT), k.required("segmentation.source.derive." + name));
        }
        Map<String, Map<String, String>> groups = new LinkedHashMap<>();
        Map<String, String> categorical = k.named("segmentation.source.categorical-columns");
        for (String feature : categorical.keySet()) {
            k.optional("segmentation.source.categories." + feature).ifPresent(v -> groups.put(feature, categoryGroups(feature, v)));
        }
        List<String> quantiles = k.list("segmentation.source.clip-quantiles");
        if (quantiles.isEmpty()) quantiles = List.of("0", "1");
        if (quantiles.size() != 2) {
            throw new IllegalArgumentException("segmentation.source.clip-quantiles must be two quantiles low,high");
        }
        return new SourceSettings(kind, k.string("segmentation.source.encoding", "auto").toLowerCase(Locale.ROOT),
                delimiter(k.string("segmentation.source.delimiter", "auto")),
                k.string("segmentation.source.header", "auto").toLowerCase(Locale.ROOT),
                k.string("segmentation.source.id-column", ""), k.named("segmentation.source.numeric-columns"), categorical,
                k.named("segmentation.source.date-columns"), k.string("segmentation.source.date-format", "auto"),
                k.string("segmentation.source.ambiguous-dates", "day-first").toLowerCase(Locale.ROOT), derived,
                ranges(k.list("segmentation.source.valid-ranges")), groups,
                k.integer("segmentation.source.min-category-count", 1),
                k.list("segmentation.source.clip-columns").stream().map(c -> c.toLowerCase(Locale.ROOT)).toList(),
                decimal("segmentation.source.clip-quantiles", quantiles.get(0)),
                decimal("segmentation.source.clip-quantiles", quantiles.get(1)),
                k.string("segmentation.features.reference-date", "newest"),
                k.integer("segmentation.source.detect-rows", 10_000), k.integer("segmentation.source.max-megabytes", 1024), tx);
    }

    private static String delimiter(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "tab", "\\t" -> "\t";
            case "comma" -> ",";
            case "semicolon" -> ";";
            case "pipe" -> "|";
            case "auto", WHITESPACE -> raw.toLowerCase(Locale.ROOT);
            default -> raw;
        };
    }

    /** "Married+Together=couple, Single+Divorced+Widow+Alone=single". */
    private static Map<String, String> categoryGroups(String feature, String text) {
        Map<String, String> groups = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) continue;
            String[] sides = part.split("=", 2);
            if (sides.length != 2 || sides[1].isBlank()) {
                throw new IllegalArgumentException("segmentation.source.categories." + feature + ": write Category+Other=group,"
                        + " got '" + part.trim() + "'");
            }
            for (String category : sides[0].split("\\+")) {
                groups.put(category.trim().toLowerCase(Locale.ROOT), sides[1].trim().toLowerCase(Locale.ROOT));
            }
        }
        return groups;
    }

    /** "year_birth:1920..2010, income:0..200000"; either bound may be left out. */
    private static Map<String, double[]> ranges(List<String> entries) {
        Map<String, double[]> ranges = new LinkedHashMap<>();
        for (String entry : entries) {
            String[] parts = entry.split(":", 2);
            String[] bounds = parts.length == 2 ? parts[1].split("\\.\\.", -1) : new String[0];
            if (bounds.length != 2) {
                throw new IllegalArgumentException("segmentation.source.valid-ranges: write feature:min..max, got '" + entry + "'");
            }
            double min = bounds[0].isBlank() ? Double.NEGATIVE_INFINITY : decimal("segmentation.source.valid-ranges", bounds[0]);
            double max = bounds[1].isBlank() ? Double.POSITIVE_INFINITY : decimal("segmentation.source.valid-ranges", bounds[1]);
            ranges.put(parts[0].trim().toLowerCase(Locale.ROOT), new double[] {min, max});
        }
        return ranges;
    }

    private static double decimal(String key, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": '" + text.trim() + "' is not a number", e);
        }
    }

    static void oneOf(String key, String value, String... allowed) {
        if (!List.of(allowed).contains(value)) {
            throw new IllegalArgumentException(key + " must be one of " + String.join(", ", allowed) + ", was '" + value + "'");
        }
    }

    private record Keys(Function<String, Optional<String>> lookup) {
        Optional<String> optional(String key) {
            return lookup.apply(key).map(String::trim).filter(v -> !v.isEmpty());
        }

        String string(String key, String fallback) {
            return optional(key).orElse(fallback);
        }

        String required(String key) {
            return optional(key).orElseThrow(() -> new IllegalArgumentException("configuration key " + key + " is not set"));
        }

        int integer(String key, int fallback) {
            String v = string(key, Integer.toString(fallback));
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, was '" + v + "'", e);
            }
        }

        List<String> list(String key) {
            List<String> out = new ArrayList<>();
            for (String part : string(key, "").split(",")) {
                if (!part.isBlank()) out.add(part.trim());
            }
            return out;
        }

        /** "age, income=Annual Income (k$)": feature name -> column; a bare column names its own feature. */
        Map<String, String> named(String key) {
            Map<String, String> out = new LinkedHashMap<>();
            for (String entry : list(key)) {
                String[] sides = entry.split("=", 2);
                String column = sides[sides.length - 1].trim();
                String feature = sides.length == 2 ? sides[0].trim() : featureName(column);
                if (out.put(feature.toLowerCase(Locale.ROOT), column) != null) {
                    throw new IllegalArgumentException(key + ": feature '" + feature + "' is named twice");
                }
            }
            return out;
        }
    }

    /** "Annual Income (k$)" becomes annual_income_k: a name the naming rules and CSV headers can use. */
    static String featureName(String column) {
        if (column.matches("#[0-9]+")) return "column_" + column.substring(1);
        String name = column.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", "_").replaceAll("^_+|_+$", "");
        return name.isEmpty() ? "column" : name;
    }
}
