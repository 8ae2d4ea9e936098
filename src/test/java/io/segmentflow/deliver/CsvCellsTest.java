package io.segmentflow.deliver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=SUM(A1:A9)", "+44 20 7946", "-17", "@home", "\tx", "\rx"})
    void prefixesAQuoteToTextThatStartsLikeAFormula(String text) {
        assertEquals("'" + text, CsvCells.text(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"C000123", "High-Value", "a=b", "x+1", "mail@example.org", "'quoted"})
    void leavesOtherTextAsItIs(String text) {
        assertEquals(text, CsvCells.text(text));
    }

    @Test
    void writesEmptyForMissingText() {
        assertEquals("", CsvCells.text(null));
        assertEquals("", CsvCells.text(""));
    }

    @Test
    void writesWholeNumbersWithoutDecimalPoint() {
        assertEquals("3", CsvCells.number(3.0));
        assertEquals("-3", CsvCells.number(-3.0));
        assertEquals("0", CsvCells.number(0.0));
    }

    @Test
    void writesNegativeAndFractionalNumbersPlainly() {
        assertEquals("-2.5", CsvCells.number(-2.5));
        assertEquals("0.1", CsvCells.number(0.1));
        assertEquals("1234.56", CsvCells.number(1234.56));
    }
}
