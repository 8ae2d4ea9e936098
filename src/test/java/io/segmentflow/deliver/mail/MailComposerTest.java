package io.segmentflow.deliver.mail;

import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The summary mail: files attached up to the configured size, the folder named above it. */
class MailComposerTest {
    @TempDir
    Path run;

    @Test
    void attachesTheRunsFilesUpToTheLimitAndNamesTheFolderAboveIt() throws Exception {
        Files.writeString(run.resolve("summary.json"), "{\"runId\":\"r1\"}");
        Files.createDirectories(run.resolve("charts"));
        Files.write(run.resolve("charts").resolve("sizes.png"), new byte[2000]);
        MailJob job = new MailJob(Campaign.RUN_SUMMARY, "r1", "", "", "r1", run, Map.of("run_id", "r1", "input", "c.csv",
                "customers", "1,000", "segment_count", "2", "segments", "High-Value|100|10.0%;Loyal|900|90.0%"));

        MimeMessage small = composer(1_000_000).compose(job);
        MimeMultipart mixed = (MimeMultipart) small.getContent();
        assertEquals(3, mixed.getCount(), "body, summary.json, charts-sizes.png");
        assertEquals("charts-sizes.png", mixed.getBodyPart(2).getFileName());
        String text = (String) ((MimeMultipart) mixed.getBodyPart(0).getContent()).getBodyPart(0).getContent();
        assertTrue(text.contains("High-Value: 100 customers (10.0%)"), text);

        MimeMessage large = composer(1000).compose(job);
        MimeMultipart alternative = (MimeMultipart) large.getContent();
        assertTrue(large.isMimeType("multipart/alternative"), "nothing attached");
        String body = (String) alternative.getBodyPart(0).getContent();
        assertTrue(body.contains(run.toAbsolutePath().toString()), "the folder is named instead: " + body);
        assertEquals("team@example.org", large.getAllRecipients()[0].toString());
    }

    private static MailComposer composer(long maxAttachBytes) {
        return new MailComposer(new MailSettings("outbox", Path.of("outbox"), "Segmentflow <segments@example.com>",
                "https://example.com/u?c={campaign}&k={customer_id}", "", 42, List.of("team@example.org"), maxAttachBytes, List.of()));
    }
}
