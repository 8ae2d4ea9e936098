package io.segmentflow.ingest;

import org.junit.jupiter.api.Test;

import java.time.DateTimeException;
import java.time.LocalDate;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The reader's date arithmetic claims the same epoch days as java.time, and the same dates refused. */
class IsoDatesTest {
    @Test
    void everyDayOfYearsZeroToNineThousandNineHundredNinetyNineIsJavaTimesEpochDay() {
        for (LocalDate date = LocalDate.of(0, 1, 1); date.getYear() <= 9999; date = date.plusDays(1)) {
            assertEquals(date.toEpochDay(), IsoDates.epochDay(date.getYear(), date.getMonthValue(), date.getDayOfMonth()),
                    date::toString);
        }
    }

    @Test
    void dayNumbersThatNoMonthHasAreRefusedAsJavaTimeRefusesThem() {
        for (int year : new int[] {0, 1900, 1999, 2000, 2023, 2024, 2100, 9999}) {
            for (int month = 0; month <= 13; month++) {
                for (int day = 0; day <= 32; day++) {
                    long expected;
                    try {
                        expected = LocalDate.of(year, month, day).toEpochDay();
                    } catch (DateTimeException e) {
                        expected = IsoDates.INVALID;
                    }
                    assertEquals(expected, IsoDates.epochDay(year, month, day), year + "-" + month + "-" + day);
                }
            }
        }
    }
}
