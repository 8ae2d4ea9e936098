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

    @Test
    void decimalsReadBackAsTheSameDoubleAndAreNeverLongerThanJavas() {
        java.util.Random random = new java.util.Random(3);
        for (int i = 0; i < 200_000; i++) {
            double v = switch (i % 4) {
                case 0 -> Double.longBitsToDouble(random.nextLong()); // any bit pattern
                case 1 -> Math.round(random.nextDouble() * 1e7) / 100.0; // money
                case 2 -> random.nextGaussian();
                default -> random.nextDouble() * 1e-4;
            };
            if (Double.isNaN(v)) continue;
            String text = CsvCells.decimal(v);
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(Double.parseDouble(text)), text);
            String javas = Double.toString(v);
            org.junit.jupiter.api.Assertions.assertTrue(text.length() <= javas.length(), () -> text + " vs " + javas);
            if (i % 4 == 1) assertEquals(javas, text, "money prints as Java prints it");
        }
        assertEquals("1.0E-5", CsvCells.decimal(1e-5));
        assertEquals("1.0E7", CsvCells.decimal(1e7));
        assertEquals("0.001", CsvCells.decimal(0.001));
        assertEquals("-Infinity", CsvCells.decimal(Double.NEGATIVE_INFINITY));
    }
}
