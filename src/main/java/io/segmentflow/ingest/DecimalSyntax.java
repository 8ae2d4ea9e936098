package io.segmentflow.ingest;

/**
 * Plain decimal numbers only. {@code Double.parseDouble} also accepts NaN, Infinity, hex floats
 * (0x1p3) and type suffixes (12d), none of which a customer export means as a number.
 */
public final class DecimalSyntax {
    private DecimalSyntax() {
    }

    /** True for [+-]digits[.digits][e[+-]digits], with at least one digit before the exponent. */
    public static boolean isPlainDecimal(String s) {
        int n = s.length();
        int i = 0;
        if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
        int digits = 0;
        while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
        if (i < n && s.charAt(i) == '.') {
            i++;
            while (i < n && isDigit(s.charAt(i))) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
            i++;
            if (i < n && (s.charAt(i) == '+' || s.charAt(i) == '-')) i++;
            int exponentDigits = 0;
            while (i < n && isDigit(s.charAt(i))) { i++; exponentDigits++; }
            if (exponentDigits == 0) return false;
        }
        return i == n;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
