package io.segmentflow.ingest;

/** Checks and shortening of raw cell text, shared by every reader. */
final class CellText {
    private CellText() {
    }

    /** C0 and C1 controls and DEL, except tab and line breaks (which quoted CSV fields may hold). */
    static boolean hasControlCharacters(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') return true;
        }
        return false;
    }

    /** A cell quoted in a message: at most 40 characters. */
    static String abbreviate(String cell) {
        return cell.length() <= 40 ? cell : cell.substring(0, 40) + "...";
    }
}
