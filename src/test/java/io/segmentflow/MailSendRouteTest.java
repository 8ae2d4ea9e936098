package io.segmentflow;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.segmentflow.deliver.mail.MailJob;
import io.segmentflow.deliver.mail.MailLedger;
import io.segmentflow.deliver.mail.MailLedger.Planned;
import io.segmentflow.deliver.mail.MailLedger.Status;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** routes/deliver-mail.camel.yaml, one mail at a time: header hygiene over SMTP, and the .eml outbox. */
class MailSendRouteTest {
    private static final String INJECTED_NAME = "Eve\r\nBcc: attacker@evil.example.net\r\nX-Injected: yes";

    @TempDir
    Path tmp;

    @Test
    void aNameWithCrLfAndABccLineAddsNoRecipientAndNoHeader() throws Exception {
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        try {
            Map<String, String> settings = settings();
            settings.put("segmentation.mail.transport", "smtp");
            settings.put("segmentation.mail.smtp.host", "127.0.0.1");
            settings.put("segmentation.mail.smtp.port", Integer.toString(greenMail.getSmtp().getPort()));
            settings.put("segmentation.mail.smtp.starttls", "false");
            try (Launcher app = Launcher.start(settings)) {
                MailJob job = plannedJob(app, "early-access", "victim@example.com");
                // Headers a caller might leave on the exchange: camel-mail 4.17 would obey them.
                app.context().createProducerTemplate().sendBodyAndHeaders("direct:deliver-mail-send", job,
                        Map.of("Bcc", "leak@evil.example.net", "To", "leak2@evil.example.net", "X-Leak", "secret"));

                MimeMessage[] all = greenMail.getReceivedMessages();
                assertEquals(1, all.length, "one copy, to one mailbox");
                assertArrayEquals(new InternetAddress[] {new InternetAddress("victim@example.com")},
                        all[0].getRecipients(Message.RecipientType.TO));
                assertNull(all[0].getRecipients(Message.RecipientType.CC));
                assertNull(all[0].getHeader("Bcc"));
                assertNull(all[0].getHeader("X-Injected"));
                assertNull(all[0].getHeader("X-Leak"));
                assertEquals(0, greenMail.getReceivedMessagesForDomain("evil.example.net").length);
                assertTrue(all[0].getSubject().startsWith("Eve Bcc: attacker@evil.example.net X-Injected: yes<script>, you get"),
                        "the name stays on one line of the subject: " + all[0].getSubject());
                assertEquals(Status.SENT, ledger(app).status("early-access", "C1"));
            }
        } finally {
            greenMail.stop();
        }
    }

    @Test
    void theOutboxWritesOneEmlFileAMailClientOpensAndNeverTwice() throws Exception {
        Map<String, String> settings = settings();
        // The outbox folder is shared by the test JVM (see pom.xml): this test's campaign has a folder of its own.
        String campaign = "outbox-test-" + UUID.randomUUID().toString().substring(0, 8);
        settings.put("segmentation.mail.campaigns", campaign);
        settings.put("segmentation.mail.campaign." + campaign + ".segments", "High-Value");
        settings.put("segmentation.mail.campaign." + campaign + ".templates", "config/mail/early-access");
        settings.put("segmentation.mail.campaign." + campaign + ".holdout-share", "0");
        try (Launcher app = Launcher.start(settings)) {
            MailJob job = plannedJob(app, campaign, "ada@example.com");
            var template = app.context().createProducerTemplate();
            template.sendBody("direct:deliver-mail-send", job);

            Path outbox = Path.of(app.context().resolvePropertyPlaceholders("{{segmentation.mail.outbox.dir}}"));
            Path eml = outbox.resolve(campaign).resolve("C1.eml");
            assertTrue(Files.isRegularFile(eml), eml + " exists");
            MimeMessage read;
            try (InputStream in = Files.newInputStream(eml)) {
                read = new MimeMessage(Session.getInstance(new Properties()), in);
            }
            assertEquals("ada@example.com", ((InternetAddress) read.getRecipients(Message.RecipientType.TO)[0]).getAddress());
            assertTrue(read.isMimeType("multipart/alternative"));
            String html = (String) ((MimeMultipart) read.getContent()).getBodyPart(1).getContent();
            assertTrue(html.contains("Eve\n") || html.contains("Eve "), "the name is in the greeting");
            assertFalse(html.contains("<script>"), "values are HTML-escaped");
            assertEquals(Status.SENT, ledger(app).status(campaign, "C1"));

            Files.delete(eml);
            template.sendBody("direct:deliver-mail-send", job);
            assertFalse(Files.exists(eml), "a second send of the same (campaign, customer) does nothing");
        }
    }

    private Map<String, String> settings() {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("segmentation.inbox.enabled", "false");
        s.put("segmentation.database.schedule.enabled", "false");
        s.put("segmentation.database.url", "jdbc:h2:file:" + tmp.toAbsolutePath().resolve("segmentflow") + ";TRACE_LEVEL_FILE=0");
        s.put("segmentation.mail.rate-per-second", "100");
        return s;
    }

    /** A ledger row QUEUED as the planner would leave it, and its job, for a customer whose name tries header injection. */
    private static MailJob plannedJob(Launcher app, String campaign, String email) {
        ledger(app).plan(campaign, "run-1", List.of(new Planned("C1", "High-Value", Status.QUEUED)));
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("customer_id", "C1");
        fields.put("name", INJECTED_NAME + "<script>");
        fields.put("segment", "High-Value");
        fields.put("campaign", campaign);
        return new MailJob(campaign, "C1", email, "High-Value", "run-1", null, Collections.unmodifiableMap(fields));
    }

    private static MailLedger ledger(Launcher app) {
        return app.context().getRegistry().lookupByNameAndType("mailLedger", MailLedger.class);
    }
}
