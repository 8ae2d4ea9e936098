package io.segmentflow.ingest;

/**
 * Epoch days of ISO calendar dates by arithmetic, for the reader's fast path: a million dates per
 * file went through YearMonth.of and LocalDate.of, two validated objects each. The same days as
 * {@code LocalDate.of(year, month, day).toEpochDay()} (IsoDatesTest compares every day of years 0 to 9999).
 */
final class IsoDates {
    /** Marks a date that does not exist (30 February) or is out of range. */
    static final long INVALID = Long.MIN_VALUE;

    private IsoDates() {
    }

    /** @param year 0 to 9999, as four digits give; month and day as written */
    static long epochDay(int year, int month, int day) {
        if (year < 0 || year > 9999 || month < 1 || month > 12 || day < 1 || day > lengthOfMonth(year, month)) {
            return INVALID;
        }
        // Days from the civil calendar (H. Hinnant's algorithm): years counted from March, so the leap
        // day ends a year; 400-year eras of 146,097 days; 719,468 days from 0000-03-01 to 1970-01-01.
        int y = month <= 2 ? year - 1 : year;
        int era = Math.floorDiv(y, 400);
        int yearOfEra = y - era * 400;
        int dayOfYear = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
        int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468;
    }

    private static int lengthOfMonth(int year, int month) {
        return switch (month) {
            case 2 -> (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }
}
