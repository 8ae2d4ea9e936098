package io.segmentflow.deliver;

import com.fasterxml.jackson.core.io.NumberOutput;

/** Cell text for CSV that spreadsheets open: numbers plainly, text with formulas neutralised. */
public final class CsvCells {
    private CsvCells() {
    }

    /** Prefixes ' to text that starts like a formula (= + - @, tab, CR), as OWASP advises. */
    public static String text(String value) {
        if (value == null || value.isEmpty()) return "";
        return startsLikeFormula(value.charAt(0)) ? "'" + value : value;
    }

    static boolean startsLikeFormula(char first) {
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r';
    }

    /** Whole numbers without ".0"; others in the shortest form that reads back as the same double. */
    static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v);
        return decimal(v);
    }

    /**
     * Double.toString's format (the same digits as Java 19 and later print), by the Schubfach
     * algorithm that jackson-core ships: Java 17's Double.toString takes several times longer, and a
     * million-customer run formats millions of numbers. Both read back as exactly the same double.
     */
    static String decimal(double v) {
        return NumberOutput.toString(v, true);
    }
}
