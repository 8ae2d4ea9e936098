package io.segmentflow.ingest.source;

import io.segmentflow.ingest.DecimalSyntax;
import io.segmentflow.model.InputRejectedException;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Guesses what a profile leaves on auto: encoding, delimiter, header and date format. Every guess
 * comes with the reason, for summary.json; an explicit profile setting is never second-guessed.
 */
final class SourceDetection {
    static final Charset WINDOWS_1252 = Charset.forName("windows-1252");
    private static final char[] DELIMITERS = {',', ';', '\t', '|'};

    private SourceDetection() {
    }

    /** The charset to decode with, how many BOM bytes to skip, and why. */
    record Encoding(Charset charset, int bomLength, String description) {
    }

    static Encoding encoding(byte[] bytes, int length, String setting) {
        boolean bom = length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
        if (setting.equals("utf-8")) return new Encoding(StandardCharsets.UTF_8, bom ? 3 : 0, "utf-8 (profile)");
        if (setting.equals("windows-1252")) return new Encoding(WINDOWS_1252, 0, "windows-1252 (profile)");
        if (bom) return new Encoding(StandardCharsets.UTF_8, 3, "utf-8 (byte order mark)");
        // Decoded through one small buffer and thrown away: only validity is wanted, not a second
        // copy of the whole file (two bytes per byte) beside the one being read.
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, length);
        CharBuffer out = CharBuffer.allocate(1 << 16);
        while (true) {
            CoderResult result = decoder.decode(in, out, true);
            if (result.isError()) return new Encoding(WINDOWS_1252, 0, "windows-1252 (detected: the bytes are not UTF-8)");
            if (result.isUnderflow() && decoder.flush(out.clear()).isUnderflow()) break;
            out.clear();
        }
        return new Encoding(StandardCharsets.UTF_8, 0, "utf-8 (detected: every byte sequence is valid UTF-8)");
    }

    /**
     * The character that splits every sampled line into the same number (at least two) of fields,
     * outside quotes; the most fields wins. Whitespace-aligned columns when no character does.
     */
    static String delimiter(List<String> lines) {
        char best = 0;
        int bestFields = 1;
        for (char d : DELIMITERS) {
            int fields = -1;
            for (String line : lines) {
                int n = fieldsOutsideQuotes(line, d);
                if (fields == -1) fields = n;
                if (n != fields) {
                    fields = -2;
                    break;
                }
            }
            if (fields > bestFields) {
                best = d;
                bestFields = fields;
            }
        }
        if (best != 0) return String.valueOf(best);
        int fields = -1;
        for (String line : lines) {
            int n = line.trim().split("\\s+").length;
            if (fields == -1) fields = n;
            if (n != fields) return null;
        }
        return fields > 1 ? SourceSettings.WHITESPACE : null;
    }

    private static int fieldsOutsideQuotes(String line, char delimiter) {
        int fields = 1;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '"') quoted = !quoted;
            else if (c == delimiter && !quoted) fields++;
        }
        return fields;
    }

    static String describe(String delimiter) {
        return switch (delimiter) {
            case "\t" -> "tab";
            case "," -> "comma";
            case ";" -> "semicolon";
            case "|" -> "pipe";
            default -> delimiter.equals(SourceSettings.WHITESPACE) ? "whitespace-aligned columns" : "'" + delimiter + "'";
        };
    }

    /**
     * A header when the first row has no number in it and some column below it holds numbers or
     * dates; a first row of numbers is data.
     */
    static boolean looksLikeHeader(List<String> first, List<List<String>> below) {
        for (String cell : first) {
            if (DecimalSyntax.isPlainDecimal(cell.trim())) return false;
        }
        for (int c = 0; c < first.size(); c++) {
            for (List<String> row : below) {
                if (c < row.size() && (DecimalSyntax.isPlainDecimal(row.get(c).trim()) || row.get(c).trim().matches("\\d.*\\d"))) {
                    return true;
                }
            }
        }
        return below.isEmpty();
    }

    /** A date format that reads every sampled value, and a note when more than one does. */
    record DateFormat(String pattern, String description) {
    }

    /** Dates only; a time after the date ("12/1/2010 8:26") is accepted and ignored. */
    private static final List<String> DATE_PATTERNS = List.of("uuuu-M-d", "uuuuMMdd", "d-M-uuuu", "M-d-uuuu", "d/M/uuuu",
            "M/d/uuuu", "d.M.uuuu", "uuuu/M/d");

    /**
     * The pattern that reads the most sampled values (a few bad cells are quarantined later, they
     * do not stop detection); when several read as many, day-first or month-first as configured.
     */
    static DateFormat dateFormat(String column, List<String> values, String ambiguous) {
        List<String> fits = new ArrayList<>();
        int best = 0;
        for (String pattern : DATE_PATTERNS) {
            DateTimeFormatter f = formatter(pattern);
            int read = 0;
            for (String v : values) {
                if (parses(f, datePart(v))) read++;
            }
            if (read > best) {
                best = read;
                fits.clear();
            }
            if (read == best && read > 0) fits.add(pattern);
        }
        if (fits.isEmpty()) {
            throw new InputRejectedException("cannot tell the date format of column '" + column + "' from values such as '"
                    + (values.isEmpty() ? "" : values.get(0)) + "'; set segmentation.source.date-format");
        }
        String chosen = fits.get(0);
        String count = best == values.size() ? "all " + best : best + " of " + values.size();
        String note = "detected: reads " + count + " sampled values";
        if (fits.size() > 1) {
            String dayFirst = fits.stream().filter(p -> p.startsWith("d")).findFirst().orElse(fits.get(0));
            String monthFirst = fits.stream().filter(p -> p.startsWith("M")).findFirst().orElse(fits.get(0));
            chosen = ambiguous.equals("day-first") ? dayFirst : monthFirst;
            note = "AMBIGUOUS: " + String.join(" and ", fits.stream().map(SourceDetection::pattern).toList()) + " each read "
                    + count + " sampled values; chose " + ambiguous + " (segmentation.source.ambiguous-dates); set"
                    + " segmentation.source.date-format to be sure";
        }
        return new DateFormat(chosen, pattern(chosen) + " (" + note + ")");
    }

    /** The pattern as users write it: yyyy rather than java.time's uuuu. */
    static String pattern(String javaPattern) {
        return javaPattern.replace("uuuu", "yyyy");
    }

    static DateTimeFormatter formatter(String pattern) {
        return DateTimeFormatter.ofPattern(pattern.replace("yyyy", "uuuu"), Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    /** "12/1/2010 8:26" -> "12/1/2010"; "2011-03-04T10:00" -> "2011-03-04". */
    static String datePart(String value) {
        String v = value.trim();
        int space = v.indexOf(' ');
        if (space > 0) return v.substring(0, space);
        int t = v.indexOf('T');
        return t >= 8 ? v.substring(0, t) : v;
    }

    private static boolean parses(DateTimeFormatter f, String value) {
        try {
            LocalDate.parse(value, f);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }
}
