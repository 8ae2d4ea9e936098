package io.segmentflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.segmentflow.demo.DemoCustomerGenerator;
import io.segmentflow.deliver.mail.MailLedger;
import io.segmentflow.deliver.mail.MailLedger.Status;
import io.segmentflow.model.SegmentationRun;
import io.segmentflow.support.SmtpFaultRelay;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import org.apache.camel.Exchange;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import javax.sql.DataSource;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Campaign mail end to end through the real routes, a real SMTP server (GreenMail on a free port)
 * and the ledger in an embedded H2 file: who gets mail, who does not, and never twice.
 */
class CampaignMailTest {
    private static final String TEAM = "team@example.org";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private GreenMail greenMail;
    private SmtpFaultRelay relay;

    @BeforeEach
    void startSmtp() throws Exception {
        greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        relay = new SmtpFaultRelay(greenMail.getSmtp().getPort());
    }

    @AfterEach
    void stopSmtp() throws Exception {
        relay.close();
        greenMail.stop();
    }

    @Test
    void everyTargetCustomerGetsExactlyOneMailOptedOutAndHeldOutNone() throws Exception {
        Path csv = customers(1500, 11);
        Map<String, String> settings = settings(1000);
        settings.put("segmentation.mail.summary.to", TEAM);
        SegmentationRun run;
        try (Launcher app = Launcher.start(settings)) {
            run = segment(app, csv);
            Expected expected = expected(csv, run.outputDir(), ledger(app));

            Map<String, Integer> received = campaignRecipients();
            assertFalse(expected.mailed.isEmpty());
            assertEquals(Set.of(), difference(expected.mailed, received.keySet()), "eligible target customers without mail");
            assertEquals(Set.of(), difference(received.keySet(), expected.mailed), "mail to customers who should get none");
            assertTrue(received.values().stream().allMatch(n -> n == 1), "nobody got a campaign twice: " + received);
            assertTrue(expected.optedOut.size() > 0 && expected.heldOut.size() > 0 && expected.invalid.size() > 0,
                    "the data has opted-out, held-out and unusable addresses among the targets");
            double heldShare = expected.heldOut.size() / (double) (expected.heldOut.size() + expected.mailed.size());
            assertTrue(heldShare > 0.04 && heldShare < 0.18, "about 10% held out, was " + heldShare);

            JsonNode report = JSON.readTree(run.outputDir().resolve("mail-report.json").toFile());
            int reportedOptedOut = 0, reportedInvalid = 0, reportedSent = 0;
            for (JsonNode c : report.get("campaigns")) {
                reportedOptedOut += c.get("optedOutCustomers").size();
                reportedInvalid += c.get("invalidAddresses").size();
                reportedSent += c.get("thisRun").path("SENT").asInt();
            }
            assertEquals(expected.optedOut.size(), reportedOptedOut);
            assertEquals(expected.invalid.size(), reportedInvalid);
            assertEquals(expected.mailed.size(), reportedSent);
            assertFalse(Files.readString(run.outputDir().resolve("mail-report.json")).contains("@example.com"),
                    "the report names customers by id, never by address");
            assertEquals("mail-report.json", JSON.readTree(run.outputDir().resolve("summary.json").toFile())
                    .path("mail").path("report").asText());

            MimeMessage sample = greenMail.getReceivedMessagesForDomain("example.com")[0];
            MimeMultipart alternative = (MimeMultipart) sample.getContent();
            assertEquals(2, alternative.getCount());
            assertTrue(alternative.getBodyPart(0).isMimeType("text/plain"));
            assertTrue(alternative.getBodyPart(1).isMimeType("text/html"));
            assertTrue(sample.getHeader("List-Unsubscribe")[0].startsWith("<https://example.com/unsubscribe?campaign="));
            assertEquals("List-Unsubscribe=One-Click", sample.getHeader("List-Unsubscribe-Post")[0]);

            MimeMessage[] summary = greenMail.getReceivedMessagesForDomain("example.org");
            assertEquals(1, summary.length, "one summary mail to the team");
            MimeMultipart mixed = (MimeMultipart) summary[0].getContent();
            assertTrue(mixed.getCount() >= 3, "body plus summary.json and mail-report.json attached");
            assertTrue(((MimeMultipart) mixed.getBodyPart(0).getContent()).getBodyPart(0).getContent().toString()
                    .contains(run.profiles().get(0).name()), "the segment table is in the body");
        }

        // A rerun of the same customers (a new start of the application) mails nobody again.
        int before = greenMail.getReceivedMessagesForDomain("example.com").length;
        try (Launcher app = Launcher.start(settings)) {
            segment(app, csv);
        }
        assertEquals(before, greenMail.getReceivedMessagesForDomain("example.com").length, "the rerun sent no campaign mail");
    }

    @Test
    void aFailureHalfWayThenARestartSendsTheRestWithoutDuplicates() throws Exception {
        Path csv = customers(1500, 12);
        Map<String, String> settings = settings(40);
        List<String> firstServer;
        String crashed;
        try (Launcher app = Launcher.start(settings)) {
            CompletableFuture<Exchange> running = CompletableFuture.supplyAsync(() -> request(app, csv));
            await().atMost(Duration.ofSeconds(180)).until(() -> greenMail.getReceivedMessages().length >= 30);
            relay.refuse(true); // the SMTP server goes away half-way through the campaign
            SegmentationRun run = running.get().getMessage().getBody(SegmentationRun.class);
            assertNotNull(run, "the run itself was published although its mail failed");
            assertTrue(Files.exists(run.outputDir().resolve("summary.json")));
            firstServer = addresses(greenMail.getReceivedMessages());
            MailLedger ledger = ledger(app);
            JdbcTemplate sql = new JdbcTemplate(app.context().getRegistry().lookupByNameAndType("segmentflowDataSource", DataSource.class));
            int queued = sql.queryForObject("SELECT COUNT(*) FROM campaign_mail WHERE status = 'QUEUED'", Integer.class);
            assertTrue(queued > 0, "the rest stays QUEUED for the next run");
            // And the process dies while one of them is being sent: its row is left PENDING.
            crashed = sql.queryForObject("SELECT MIN(customer_id) FROM campaign_mail WHERE status = 'QUEUED'", String.class);
            String campaign = sql.queryForObject("SELECT campaign_id FROM campaign_mail WHERE customer_id = ?", String.class, crashed);
            assertTrue(ledger.claim(new io.segmentflow.deliver.mail.MailJob(campaign, crashed, "x@example.com", "", "crash", null,
                    Map.of())));
        }
        relay.refuse(false);
        greenMail.purgeEmailFromAllMailboxes();

        try (Launcher app = Launcher.start(settings)) {
            MailLedger ledger = ledger(app);
            SegmentationRun rerun = segment(app, csv);
            Expected expected = expected(csv, rerun.outputDir(), ledger);
            List<String> secondServer = addresses(greenMail.getReceivedMessages());

            Set<String> overlap = new HashSet<>(firstServer);
            overlap.retainAll(secondServer);
            assertTrue(overlap.isEmpty(), "nobody mailed before the failure is mailed again: " + overlap);
            List<String> all = new ArrayList<>(firstServer);
            all.addAll(secondServer);
            assertEquals(all.size(), new HashSet<>(all).size(), "no duplicates");
            String crashedAddress = expected.addressOf.get(crashed);
            Set<String> wanted = new HashSet<>(expected.mailed);
            wanted.remove(crashedAddress);
            assertEquals(Set.of(), difference(wanted, new HashSet<>(all)), "eligible customers without mail after the restart");
            assertEquals(Set.of(), difference(new HashSet<>(all), wanted), "mail to customers who should get none");
            assertFalse(all.contains(crashedAddress), "the mail in doubt is not resent");
            String campaign = expected.campaignOf.get(crashed);
            assertEquals(Status.IN_DOUBT, ledger.status(campaign, crashed));
            String report = Files.readString(rerun.outputDir().resolve("mail-report.json"));
            assertTrue(JSON.readTree(report).toString().contains("\"inDoubt\":[\"" + crashed + "\"]"), report);
        }
    }

    @Test
    void aTransientAnswerIsRetriedAndAPermanentOneIsRecordedAsFailed() throws Exception {
        Path csv = customers(600, 13);
        Map<String, String> settings = settings(1000);
        // Which customers are targeted is known only after segmenting, so the first run finds two of
        // them; a fresh ledger then runs the same data with the faults armed.
        Expected expected;
        try (Launcher app = Launcher.start(settings)) {
            expected = expected(csv, segment(app, csv).outputDir(), ledger(app));
        }
        List<String> targets = new ArrayList<>(expected.mailed);
        targets.sort(null);
        String busy = targets.get(0), unknown = targets.get(1);
        int busyBefore = relay.rcptAttempts(busy), unknownBefore = relay.rcptAttempts(unknown);
        relay.answerRcpt(busy, "451 4.3.1 Mailbox temporarily unavailable", 1);
        relay.answerRcpt(unknown, "550 5.1.1 No such user", Integer.MAX_VALUE);
        greenMail.purgeEmailFromAllMailboxes();
        settings.put("segmentation.database.url", h2(tmp.resolve("second-ledger")));

        try (Launcher app = Launcher.start(settings)) {
            SegmentationRun run = segment(app, csv);
            MailLedger ledger = ledger(app);
            Map<String, Integer> received = campaignRecipients();
            assertEquals(1, received.getOrDefault(busy, 0), "the 4xx was retried and the mail arrived once");
            assertEquals(2, relay.rcptAttempts(busy) - busyBefore, "refused once, accepted on the retry");
            assertFalse(received.containsKey(unknown), "the 5xx address got nothing");
            assertEquals(1, relay.rcptAttempts(unknown) - unknownBefore, "a 5xx is not retried");
            String customer = expected.customerOf.get(unknown);
            assertEquals(Status.FAILED, ledger.status(expected.campaignOf.get(customer), customer));
            JsonNode report = JSON.readTree(run.outputDir().resolve("mail-report.json").toFile());
            String failed = report.toString();
            assertTrue(failed.contains("\"" + customer + "\":\"") && failed.contains("550"), failed);
            assertFalse(failed.contains(unknown), "the error is kept without the address");
            assertEquals(expected.mailed.size() - 1, received.size());
        }
    }

    // ------------------------------------------------------------------ helpers

    @Test
    void onlyAProcessThatSendsMailMarksPendingMailInDoubtAtStartUp() throws Exception {
        Map<String, String> settings = settings(1000);
        try (Launcher app = Launcher.start(settings)) { // creates the ledger table
            new JdbcTemplate(app.context().getRegistry().lookupByNameAndType("segmentflowDataSource", DataSource.class)).update(
                    "INSERT INTO campaign_mail VALUES ('early-access', 'C1', 'r1', 'High-Value', 'PENDING', 1, NULL, CURRENT_TIMESTAMP)");
        }
        Map<String, String> mailOff = new LinkedHashMap<>(settings);
        mailOff.put("segmentation.mail.enabled", "false");
        assertEquals("PENDING", statusAfterStart(mailOff, "C1"), "a process that sends no mail leaves another's mail alone");
        Map<String, String> nested = new LinkedHashMap<>(settings);
        nested.put("segmentation.mail.recover-at-start", "false");
        assertEquals("PENDING", statusAfterStart(nested, "C1"), "a profiled inbox file's short-lived run leaves it alone");
        assertEquals("IN_DOUBT", statusAfterStart(settings, "C1"), "a process that sends mail takes stock");
    }

    private static String statusAfterStart(Map<String, String> settings, String customer) throws Exception {
        try (Launcher app = Launcher.start(settings)) {
            return new JdbcTemplate(app.context().getRegistry().lookupByNameAndType("segmentflowDataSource", DataSource.class))
                    .queryForObject("SELECT status FROM campaign_mail WHERE customer_id = ?", String.class, customer);
        }
    }

    private Map<String, String> settings(int ratePerSecond) {
        Map<String, String> s = new LinkedHashMap<>();
        s.put("segmentation.inbox.enabled", "false");
        s.put("segmentation.database.schedule.enabled", "false");
        s.put("segmentation.database.url", h2(tmp.resolve("data")));
        s.put("segmentation.output.dir", tmp.resolve("out").toString());
        s.put("segmentation.report.enabled", "false");
        s.put("segmentation.stability.resamples", "0");
        s.put("segmentation.cluster.restarts", "2");
        s.put("segmentation.mail.transport", "smtp");
        s.put("segmentation.mail.smtp.host", "127.0.0.1");
        s.put("segmentation.mail.smtp.port", Integer.toString(relay.port()));
        s.put("segmentation.mail.smtp.starttls", "false");
        s.put("segmentation.mail.smtp.timeout-ms", "5000");
        s.put("segmentation.mail.rate-per-second", Integer.toString(ratePerSecond));
        s.put("segmentation.mail.retry.redeliveries", "2");
        s.put("segmentation.mail.retry.delay-ms", "20");
        s.put("segmentation.mail.retry.max-delay-ms", "100");
        return s;
    }

    /** An H2 file of this test's own (the surefire-wide data-dir property would win over a data-dir override). */
    private static String h2(Path dir) {
        return "jdbc:h2:file:" + dir.toAbsolutePath().resolve("segmentflow") + ";TRACE_LEVEL_FILE=0";
    }

    private Path customers(int n, long seed) throws Exception {
        Path csv = tmp.resolve("customers-" + seed + ".csv");
        try (Writer w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8)) {
            new DemoCustomerGenerator(seed, true).write(w, n, 4);
        }
        return csv;
    }

    private static Exchange request(Launcher app, Path csv) {
        return app.context().createProducerTemplate().request("direct:ingest-file", e -> {
            e.getMessage().setBody(csv.toFile());
            e.getMessage().setHeader(Exchange.FILE_NAME, csv.getFileName().toString());
        });
    }

    private static SegmentationRun segment(Launcher app, Path csv) {
        Exchange result = request(app, csv);
        assertNull(result.getException(), () -> String.valueOf(result.getException()));
        return result.getMessage().getBody(SegmentationRun.class);
    }

    private static MailLedger ledger(Launcher app) {
        return app.context().getRegistry().lookupByNameAndType("mailLedger", MailLedger.class);
    }

    /** recipient -> campaign mails received (the team's summary mails left out). */
    private Map<String, Integer> campaignRecipients() throws Exception {
        Map<String, Integer> counts = new HashMap<>();
        for (String a : addresses(greenMail.getReceivedMessagesForDomain("example.com"))) counts.merge(a, 1, Integer::sum);
        return counts;
    }

    private static List<String> addresses(MimeMessage[] messages) throws Exception {
        List<String> out = new ArrayList<>();
        for (MimeMessage m : messages) {
            for (Address a : m.getRecipients(Message.RecipientType.TO)) {
                String address = ((jakarta.mail.internet.InternetAddress) a).getAddress().toLowerCase(Locale.ROOT);
                if (!address.endsWith("@example.org")) out.add(address);
            }
        }
        return out;
    }

    /** Who should and should not get mail, worked out from the input and the run's assignments. */
    private record Expected(Set<String> mailed, Set<String> optedOut, Set<String> heldOut, Set<String> invalid,
                            Map<String, String> addressOf, Map<String, String> customerOf, Map<String, String> campaignOf) {
    }

    private static Expected expected(Path csv, Path runDir, MailLedger ledger) throws Exception {
        Map<String, CSVRecord> input = new HashMap<>();
        try (Reader r = Files.newBufferedReader(csv)) {
            for (CSVRecord rec : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                input.putIfAbsent(rec.get("customer_id"), rec);
            }
        }
        Map<String, String> campaignBySegment = Map.of("high-value", "early-access", "at-risk", "win-back");
        Set<String> mailed = new HashSet<>(), optedOut = new HashSet<>(), heldOut = new HashSet<>(), invalid = new HashSet<>();
        Map<String, String> addressOf = new HashMap<>(), customerOf = new HashMap<>(), campaignOf = new HashMap<>();
        Set<String> segmentsSeen = new HashSet<>();
        Map<String, Map<String, Status>> statuses = new HashMap<>(); // per campaign, one query each
        try (Reader r = Files.newBufferedReader(runDir.resolve("assignments.csv"))) {
            for (CSVRecord a : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                String segment = a.get("segment_name").toLowerCase(Locale.ROOT);
                segmentsSeen.add(segment);
                String campaign = campaignBySegment.get(segment);
                if (campaign == null) continue;
                String id = a.get("customer_id");
                CSVRecord row = input.get(id);
                String email = row.get("email").toLowerCase(Locale.ROOT);
                addressOf.put(id, email);
                customerOf.put(email, id);
                campaignOf.put(id, campaign);
                if (row.get("opt_out").equals("yes")) optedOut.add(email);
                else if (!email.contains("@")) invalid.add(id);
                else if (statuses.computeIfAbsent(campaign, ledger::statuses).get(id) == Status.HELD_OUT) heldOut.add(email);
                else mailed.add(email);
            }
        }
        assertTrue(segmentsSeen.containsAll(campaignBySegment.keySet()), "both target segments exist: " + segmentsSeen);
        return new Expected(mailed, optedOut, heldOut, invalid, addressOf, customerOf, campaignOf);
    }

    private static Set<String> difference(Set<String> a, Set<String> b) {
        return a.stream().filter(x -> !b.contains(x)).collect(Collectors.toSet());
    }
}
