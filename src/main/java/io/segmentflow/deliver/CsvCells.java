package io.segmentflow.deliver;

/** Cell text for CSV that spreadsheets open: numbers plainly, text with formulas neutralised. */
final class CsvCells {
    private CsvCells() {
    }

    /** Prefixes ' to text that starts like a formula (= + - @, tab, CR), as OWASP advises. */
    static String text(String value) {
        if (value == null || value.isEmpty()) return "";
        char c = value.charAt(0);
        return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r' ? "'" + value : value;
    }

    /** Whole numbers without ".0"; others in Java's shortest round-trip form. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return Double.toString(v);
    }
}
