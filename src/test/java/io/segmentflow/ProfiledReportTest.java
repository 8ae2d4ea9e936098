package io.segmentflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The report of a transaction source says what became of the transactions and what was detected. */
class ProfiledReportTest {
    @TempDir
    Path dir;

    @Test
    void theReportShowsTransactionAccountingAndDetectedSettings() throws IOException {
        Path out = dir.resolve("retail");
        CommandLine result = CommandLine.run("segment", "src/test/resources/datasets/online_retail-sample.csv",
                "--profile", "online-retail", "--out", out.toString(), "--set", "segmentation.cluster.k=3",
                // the sample holds every cancellation of 3,000 rows, so more customers have only cancellations than usual
                "--set", "segmentation.clean.max-quarantined-share=0.5");

        assertEquals(0, result.exitCode(), result.stderr());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("Transactions read, used, quarantined"), "transaction accounting");
        assertTrue(html.contains("423, 417, 6 {missing-customer-id&#61;6}"), "423 rows read = 417 used + 6 without a customer (HTML-escaped)");
        assertTrue(html.contains("windows-1252 (detected: the bytes are not UTF-8)"), "the detected encoding");
        assertTrue(Files.readString(out.resolve("rejected-transactions.csv")).lines().count() == 7, "a header and the 6 rows");
    }
}
