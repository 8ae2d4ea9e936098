package io.segmentflow.model;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Customers in columns, because a million customers must not become a million maps. The table
 * keeps the arrays it is given rather than copies (each copy of every column costs hundreds of
 * megabytes at ten million customers): no stage writes into a table's arrays; stages derive new
 * tables, and {@link #numericColumn} and {@link #dateColumn} hand out copies to change.
 *
 * @param customerIds trimmed customer ids, one per row
 * @param sourceLines the physical line in the input where each row starts (1 = the header)
 * @param numeric     numeric columns by field name, NaN where the value was missing
 * @param dates       date columns by field name as epoch days, NaN where the value was missing
 * @param text        optional text columns by role (e-mail, opt-out, consent, name: see ContactColumns),
 *                    null where the value was missing; never used for clustering
 */
public record CustomerTable(CustomerIds customerIds, long[] sourceLines,
                            Map<String, double[]> numeric, Map<String, double[]> dates, Map<String, String[]> text) {

    /** A table without text columns. */
    public CustomerTable(CustomerIds customerIds, long[] sourceLines, Map<String, double[]> numeric, Map<String, double[]> dates) {
        this(customerIds, sourceLines, numeric, dates, Map.of());
    }

    /** A table of a few ids given as Strings (database readers, tests). */
    public CustomerTable(String[] customerIds, long[] sourceLines,
                         Map<String, double[]> numeric, Map<String, double[]> dates, Map<String, String[]> text) {
        this(CustomerIds.of(customerIds), sourceLines, numeric, dates, text);
    }

    public CustomerTable(String[] customerIds, long[] sourceLines, Map<String, double[]> numeric, Map<String, double[]> dates) {
        this(CustomerIds.of(customerIds), sourceLines, numeric, dates, Map.of());
    }

    public CustomerTable {
        Objects.requireNonNull(customerIds, "customerIds");
        int n = customerIds.size();
        if (sourceLines.length != n) {
            throw new IllegalArgumentException("sourceLines has " + sourceLines.length + " rows, ids have " + n);
        }
        numeric = checked(numeric, n);
        dates = checked(dates, n);
        text = checked(text == null ? Map.of() : text, n);
    }

    /** The columns in their order, the map read-only; the arrays themselves are kept, not copied. */
    private static <T> Map<String, T> checked(Map<String, T> columns, int rows) {
        Map<String, T> checked = new LinkedHashMap<>();
        columns.forEach((name, values) -> {
            int length = java.lang.reflect.Array.getLength(values);
            if (length != rows) {
                throw new IllegalArgumentException("column " + name + " has " + length + " rows, expected " + rows);
            }
            checked.put(name, values);
        });
        return java.util.Collections.unmodifiableMap(checked);
    }

    /** The text in an optional column (null when missing), or null when the table has no such column. */
    public String text(String role, int row) {
        String[] column = text.get(role);
        return column == null ? null : column[row];
    }

    public boolean hasText(String role) {
        return text.containsKey(role);
    }

    public int rows() {
        return customerIds.size();
    }

    public String customerId(int row) {
        return customerIds.get(row);
    }

    public long sourceLine(int row) {
        return sourceLines[row];
    }

    /** A copy of the column; stages derive new tables rather than edit this one. */
    public double[] numericColumn(String name) {
        return column(numeric, name).clone();
    }

    public double[] dateColumn(String name) {
        return column(dates, name).clone();
    }

    public double value(String name, int row) {
        double[] column = numeric.get(name);
        return column != null ? column[row] : column(dates, name)[row];
    }

    public List<String> numericNames() {
        return List.copyOf(numeric.keySet());
    }

    public List<String> dateNames() {
        return List.copyOf(dates.keySet());
    }

    private static double[] column(Map<String, double[]> columns, String name) {
        double[] column = columns.get(name);
        if (column == null) {
            throw new IllegalArgumentException("no column " + name + "; have " + columns.keySet());
        }
        return column;
    }

    /**
     * The row as typed values joined by commas (dates in ISO form): the "raw" of a row that a later
     * stage quarantines, when the original text is long gone.
     */
    public String rowAsText(int row) {
        StringBuilder out = new StringBuilder(customerId(row));
        numeric.values().forEach(column -> out.append(',').append(plain(column[row])));
        dates.values().forEach(column -> out.append(',')
                .append(Double.isNaN(column[row]) ? "" : java.time.LocalDate.ofEpochDay((long) column[row]).toString()));
        return out.toString();
    }

    private static String plain(double v) {
        if (Double.isNaN(v)) return "";
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /** The rows at the given positions, in that order. */
    public CustomerTable select(int[] rows) {
        long[] lines = new long[rows.length];
        for (int i = 0; i < rows.length; i++) {
            lines[i] = sourceLines[rows[i]];
        }
        Map<String, String[]> selectedText = new LinkedHashMap<>();
        text.forEach((name, values) -> {
            String[] out = new String[rows.length];
            for (int i = 0; i < rows.length; i++) out[i] = values[rows[i]];
            selectedText.put(name, out);
        });
        return new CustomerTable(customerIds.select(rows), lines, selectColumns(numeric, rows), selectColumns(dates, rows), selectedText);
    }

    private static Map<String, double[]> selectColumns(Map<String, double[]> columns, int[] rows) {
        Map<String, double[]> selected = new LinkedHashMap<>();
        columns.forEach((name, values) -> {
            double[] out = new double[rows.length];
            for (int i = 0; i < rows.length; i++) {
                out[i] = values[rows[i]];
            }
            selected.put(name, out);
        });
        return selected;
    }

    /** The same rows with some columns replaced (for example after imputation). */
    public CustomerTable withColumns(Map<String, double[]> newNumeric, Map<String, double[]> newDates) {
        Map<String, double[]> n = new LinkedHashMap<>(numeric);
        n.putAll(newNumeric);
        Map<String, double[]> d = new LinkedHashMap<>(dates);
        d.putAll(newDates);
        return new CustomerTable(customerIds, sourceLines, n, d, text);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CustomerTable t && customerIds.equals(t.customerIds)
                && Arrays.equals(sourceLines, t.sourceLines) && deepEquals(numeric, t.numeric, Arrays::equals)
                && deepEquals(dates, t.dates, Arrays::equals) && deepEquals(text, t.text, Arrays::equals);
    }

    private static <V> boolean deepEquals(Map<String, V> a, Map<String, V> b, java.util.function.BiPredicate<V, V> same) {
        return a.keySet().equals(b.keySet()) && a.keySet().stream().allMatch(k -> same.test(a.get(k), b.get(k)));
    }

    @Override
    public int hashCode() {
        return customerIds.hashCode();
    }

    @Override
    public String toString() {
        return "CustomerTable[rows=" + rows() + ", numeric=" + numeric.keySet() + ", dates=" + dates.keySet() + "]";
    }
}
