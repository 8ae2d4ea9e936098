package io.segmentflow.deliver.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segmentflow.deliver.mail.MailLedger.Status;
import io.segmentflow.deliver.mail.MailPlan.CampaignPlan;
import io.segmentflow.deliver.mail.MailPlan.Skipped;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

/**
 * After the campaign mails of a run: mail-report.json in the run's folder (who was mailed, held out,
 * left out and why, what failed, what is in doubt; customer ids only, never addresses) and its
 * counts as "mail" in summary.json, both replaced in one rename each.
 */
public final class MailReportWriter {
    private static final Logger LOG = LoggerFactory.getLogger(MailReportWriter.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final MailLedger ledger;
    private final MailSettings settings;

    public MailReportWriter(MailLedger ledger, MailSettings settings) {
        this.ledger = ledger;
        this.settings = settings;
    }

    /** One campaign's outcome in this run. */
    public record CampaignReport(String campaign, List<String> segments, int targeted, Map<String, Integer> thisRun,
                                 int optedOut, int invalidAddress, int alreadyInLedger, Map<String, Integer> ledgerTotals,
                                 List<String> optedOutCustomers, List<Skipped> invalidAddresses, Map<String, String> failed,
                                 List<String> deferred, List<String> inDoubt) {
    }

    /** mail-report.json. */
    public record MailReport(String runId, String transport, String outbox, List<String> notes, List<CampaignReport> campaigns) {
    }

    /** @return the report, or null when the plan had nothing to report (no addresses, no summary mail) */
    public MailReport write(MailPlan plan) {
        if (plan.isEmpty()) return null;
        List<CampaignReport> campaigns = plan.campaigns().stream().map(p -> report(plan, p)).toList();
        MailReport report = new MailReport(plan.runId(), settings.transport(),
                settings.transport().equals("outbox") ? settings.outboxDir().toAbsolutePath().toString() : null, plan.notes(), campaigns);
        if (plan.outputDir() != null && Files.isDirectory(plan.outputDir())) {
            try {
                writeAtomically(plan.outputDir().resolve("mail-report.json"), JSON.writeValueAsBytes(report));
                addToSummary(plan.outputDir().resolve("summary.json"), report);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the mail report to " + plan.outputDir() + ": " + e.getMessage(), e);
            }
        }
        for (CampaignReport c : campaigns) {
            LOG.info("Campaign {} for run {}: {} (this run), {} in doubt", c.campaign(), plan.runId(), c.thisRun(), c.inDoubt().size());
        }
        return report;
    }

    private CampaignReport report(MailPlan plan, CampaignPlan p) {
        String id = p.campaign().id();
        Map<String, String> failed = ledger.rows(id, Status.FAILED, plan.runId());
        List<String> deferred = List.copyOf(ledger.rows(id, Status.QUEUED, plan.runId()).keySet());
        List<String> inDoubt = List.copyOf(ledger.rows(id, Status.IN_DOUBT, null).keySet());
        return new CampaignReport(id, p.campaign().segments(), p.targeted(), ledger.counts(id, plan.runId()),
                p.optedOut().size(), p.invalid().size(), p.alreadyInLedger(), ledger.counts(id, null), p.optedOut(), p.invalid(),
                failed, deferred, inDoubt);
    }

    private static void addToSummary(Path summary, MailReport report) throws IOException {
        if (!Files.isRegularFile(summary)) return;
        ObjectNode tree = (ObjectNode) JSON.readTree(summary.toFile());
        ObjectNode mail = tree.putObject("mail");
        mail.put("report", "mail-report.json");
        mail.put("transport", report.transport());
        var list = mail.putArray("campaigns");
        for (CampaignReport c : report.campaigns()) {
            ObjectNode node = list.addObject();
            node.put("campaign", c.campaign());
            node.put("targeted", c.targeted());
            node.set("thisRun", JSON.valueToTree(c.thisRun()));
            node.put("optedOut", c.optedOut());
            node.put("invalidAddress", c.invalidAddress());
            node.put("alreadyInLedger", c.alreadyInLedger());
            node.put("inDoubt", c.inDoubt().size());
        }
        if (!report.notes().isEmpty()) mail.set("notes", JSON.valueToTree(report.notes()));
        writeAtomically(summary, JSON.writeValueAsBytes(tree));
    }

    private static void writeAtomically(Path target, byte[] bytes) throws IOException {
        Path temp = target.resolveSibling("." + target.getFileName() + ".partial");
        Files.write(temp, bytes);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
