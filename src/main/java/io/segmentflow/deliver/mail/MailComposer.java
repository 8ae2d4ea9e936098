package io.segmentflow.deliver.mail;

import jakarta.activation.DataHandler;
import jakarta.activation.FileDataSource;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds each message whole, with Jakarta Mail: one validated recipient, a plain-text and an HTML
 * part, the unsubscribe link and List-Unsubscribe header. Nothing from the exchange becomes a
 * header, and every value is stripped of control characters before it reaches a template, so
 * customer data cannot add recipients or headers.
 */
public final class MailComposer {
    private static final Session SESSION = Session.getInstance(new java.util.Properties());

    private final MailSettings settings;
    private final Map<String, MailTemplates> templates = new HashMap<>();
    private final MailTemplates summaryTemplates = MailTemplates.resource("io/segmentflow/deliver/mail/run-summary",
            "Segmentflow run {{run_id}}: {{customers}} customers in {{segment_count}} segments");
    private final InternetAddress from;

    public MailComposer(MailSettings settings) {
        this.settings = settings;
        for (Campaign c : settings.campaigns()) templates.put(c.id(), MailTemplates.load(c.id(), c.templateDir()));
        try {
            this.from = new InternetAddress(settings.from(), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("segmentation.mail.from is not a valid address: " + e.getMessage(), e);
        }
    }

    /** The message for a job: a campaign mail to one customer, or the run's summary mail to the team. */
    public MimeMessage compose(MailJob job) throws MessagingException {
        return job.isRunSummary() ? summary(job) : campaign(job);
    }

    private MimeMessage campaign(MailJob job) throws MessagingException {
        MailTemplates t = templates.get(job.campaignId());
        if (t == null) throw new MessagingException("campaign " + job.campaignId() + " is no longer configured");
        Map<String, String> values = safeValues(job.fields());
        String unsubscribe = unsubscribeUrl(job);
        values.put("unsubscribe_url", unsubscribe);
        MimeMessage m = message(List.of(Recipients.parse(job.email())), singleLine(MailTemplates.render(t.subject(), values)));
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart(MailTemplates.render(t.text(), values)));
        alternative.addBodyPart(htmlPart(MailTemplates.render(t.html(), values)));
        m.setContent(alternative);
        String header = "<" + unsubscribe + ">";
        if (!settings.unsubscribeMailto().isBlank()) {
            header += ", <mailto:" + settings.unsubscribeMailto() + "?subject=unsubscribe%20" + job.campaignId() + ">";
        }
        m.setHeader("List-Unsubscribe", header);
        if (unsubscribe.startsWith("https://")) m.setHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click"); // RFC 8058
        m.saveChanges();
        return m;
    }

    /** The segment table in the body; report, charts, summary and mail report attached, or their folder named when too big. */
    private MimeMessage summary(MailJob job) throws MessagingException {
        List<InternetAddress> to = new ArrayList<>();
        for (String address : settings.summaryTo()) to.add(Recipients.parse(address));
        Map<String, Object> values = new LinkedHashMap<>(safeValues(job.fields()));
        List<Path> files = attachable(job.outputDir());
        long size = files.stream().mapToLong(MailComposer::size).sum();
        boolean attach = size <= settings.summaryMaxAttachBytes();
        values.put("attached", attach);
        values.put("folder", job.outputDir() == null ? "" : job.outputDir().toAbsolutePath().toString());
        values.put("size_mb", String.format(java.util.Locale.ROOT, "%.1f", size / 1e6));
        values.put("segments", SegmentRows.parse(job.fields().getOrDefault("segments", "")));
        MimeMessage m = message(to, singleLine(MailTemplates.render(summaryTemplates.subject(), values)));
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(textPart(MailTemplates.render(summaryTemplates.text(), values)));
        alternative.addBodyPart(htmlPart(MailTemplates.render(summaryTemplates.html(), values)));
        if (attach && !files.isEmpty()) {
            MimeMultipart mixed = new MimeMultipart("mixed");
            MimeBodyPart body = new MimeBodyPart();
            body.setContent(alternative);
            mixed.addBodyPart(body);
            for (Path f : files) {
                MimeBodyPart part = new MimeBodyPart();
                part.setDataHandler(new DataHandler(new FileDataSource(f.toFile())));
                part.setFileName(job.outputDir().relativize(f).toString().replace('\\', '/').replace('/', '-'));
                mixed.addBodyPart(part);
            }
            m.setContent(mixed);
        } else {
            m.setContent(alternative);
        }
        m.saveChanges();
        return m;
    }

    private MimeMessage message(List<InternetAddress> to, String subject) throws MessagingException {
        MimeMessage m = new MimeMessage(SESSION);
        m.setFrom(from);
        m.setRecipients(MimeMessage.RecipientType.TO, to.toArray(InternetAddress[]::new));
        m.setSubject(subject, "UTF-8");
        m.setSentDate(new Date());
        return m;
    }

    private static MimeBodyPart textPart(String text) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(text, "UTF-8", "plain");
        return part;
    }

    private static MimeBodyPart htmlPart(String html) throws MessagingException {
        MimeBodyPart part = new MimeBodyPart();
        part.setText(html, "UTF-8", "html");
        return part;
    }

    private String unsubscribeUrl(MailJob job) {
        return settings.unsubscribeUrl().replace("{campaign}", URLEncoder.encode(job.campaignId(), StandardCharsets.UTF_8))
                .replace("{customer_id}", URLEncoder.encode(job.customerId(), StandardCharsets.UTF_8));
    }

    /** Runs of control characters (CR, LF, TAB, NUL ...) become one space: no value can start a new header or line. */
    static Map<String, String> safeValues(Map<String, String> fields) {
        Map<String, String> out = new LinkedHashMap<>();
        fields.forEach((k, v) -> out.put(k, v == null ? "" : singleLine(v)));
        return out;
    }

    static String singleLine(String s) {
        StringBuilder b = new StringBuilder(s.length());
        boolean previousControl = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean control = Character.isISOControl(c);
            if (!control) b.append(c);
            else if (!previousControl) b.append(' '); // CR LF becomes one space
            previousControl = control;
        }
        return b.toString().trim();
    }

    private static List<Path> attachable(Path dir) {
        if (dir == null || !Files.isDirectory(dir)) return List.of();
        List<Path> files = new ArrayList<>();
        for (String name : List.of("summary.json", "mail-report.json", "report.html")) {
            if (Files.isRegularFile(dir.resolve(name))) files.add(dir.resolve(name));
        }
        if (Files.isDirectory(dir.resolve("charts"))) {
            try (Stream<Path> charts = Files.list(dir.resolve("charts"))) {
                charts.filter(p -> p.toString().endsWith(".png")).sorted(Comparator.naturalOrder()).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            return 0;
        }
    }

    /** The summary's segment table travels in the job as "name|size|share;..." (the job holds text only). */
    record SegmentRows(String name, String size, String share) {
        static List<SegmentRows> parse(String encoded) {
            List<SegmentRows> rows = new ArrayList<>();
            for (String row : encoded.split(";")) {
                String[] cells = row.split("\\|", -1);
                if (cells.length == 3) rows.add(new SegmentRows(cells[0], cells[1], cells[2]));
            }
            return rows;
        }
    }
}
