package io.segmentflow.deliver.mail;

import io.segmentflow.deliver.mail.MailLedger.Planned;
import io.segmentflow.deliver.mail.MailLedger.Status;
import io.segmentflow.deliver.mail.MailPlan.CampaignPlan;
import io.segmentflow.deliver.mail.MailPlan.Skipped;
import io.segmentflow.model.ContactField;
import io.segmentflow.model.CustomerTable;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.SegmentProfile;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Decides who gets which campaign mail in a published run and writes that to the ledger before
 * anything is sent: opted-out customers and unusable addresses are left out (and listed), a seeded
 * share is held out as the control group, and customers the ledger already has are not mailed again.
 */
public final class CampaignPlanner {
    private static final Logger LOG = LoggerFactory.getLogger(CampaignPlanner.class);
    private static final Set<String> YES = Set.of("true", "yes", "y", "1", "x");

    private final MailSettings settings;
    private final MailLedger ledger;

    public CampaignPlanner(MailSettings settings, MailLedger ledger) {
        this.settings = settings;
        this.ledger = ledger;
    }

    public MailPlan plan(SegmentationRun run) {
        String runId = run.request().runId();
        CustomerTable table = run.table();
        List<String> notes = new ArrayList<>();
        boolean hasEmail = table.hasText(ContactField.EMAIL);
        if (!hasEmail && !settings.campaigns().isEmpty()) {
            notes.add("the input has no e-mail column (segmentation.input.email-column), so no campaign mail was sent");
        }
        List<CampaignPlan> plans = new ArrayList<>();
        for (Campaign campaign : settings.campaigns()) {
            plans.add(hasEmail ? plan(campaign, run) : new CampaignPlan(campaign, 0, List.of(), List.of(), 0, 0, List.of()));
        }
        MailJob summary = summaryJob(run);
        MailPlan plan = new MailPlan(runId, hasEmail, run.outputDir(), plans, summary, notes);
        if (!hasEmail) {
            if (!settings.campaigns().isEmpty()) LOG.info("Run {}: {}", runId, notes.get(0));
            return plan;
        }
        for (CampaignPlan p : plans) {
            LOG.info("Campaign {} for run {}: {} target customers, {} to mail now, {} held out, {} opted out, {} without a usable address, "
                            + "{} already in the ledger", p.campaign().id(), runId, p.targeted(), p.jobs().size(), p.heldOut(),
                    p.optedOut().size(), p.invalid().size(), p.alreadyInLedger());
        }
        return plan;
    }

    private CampaignPlan plan(Campaign campaign, SegmentationRun run) {
        String runId = run.request().runId();
        CustomerTable table = run.table();
        FeatureMatrix features = run.features();
        List<SegmentProfile> profiles = run.profiles();
        Map<String, Status> known = ledger.statuses(campaign.id());
        boolean hasConsent = table.hasText(ContactField.CONSENT);
        int targeted = 0, heldOut = 0, already = 0;
        List<String> optedOut = new ArrayList<>();
        List<Skipped> invalid = new ArrayList<>();
        List<Planned> newRows = new ArrayList<>();
        List<MailJob> jobs = new ArrayList<>();
        boolean[] targetSegment = new boolean[profiles.size()]; // by segment, not per customer
        for (int s = 0; s < targetSegment.length; s++) targetSegment[s] = campaign.targets(profiles.get(s).name());
        // The table and the features share their rows: features are built from the table the run keeps.
        for (int row = 0; row < features.rows(); row++) {
            int s = run.segmentation().segmentOf(row);
            if (!targetSegment[s]) continue;
            targeted++;
            String segment = profiles.get(s).name();
            String customerId = features.customerId(row);
            if (yes(table.text(ContactField.OPT_OUT, row)) || (hasConsent && !yes(table.text(ContactField.CONSENT, row)))) {
                optedOut.add(customerId);
                continue;
            }
            String email = table.text(ContactField.EMAIL, row);
            String problem = Recipients.problem(email);
            if (problem != null) {
                invalid.add(new Skipped(customerId, problem));
                continue;
            }
            Status status = known.get(customerId);
            if (status == null) {
                boolean hold = heldOut(campaign, customerId);
                newRows.add(new Planned(customerId, segment, hold ? Status.HELD_OUT : Status.QUEUED));
                if (hold) {
                    heldOut++;
                    continue;
                }
            } else if (status != Status.QUEUED) {
                already++;
                continue;
            }
            jobs.add(new MailJob(campaign.id(), customerId, email.trim(), segment, runId, run.outputDir(),
                    fields(campaign, customerId, segment, table, row)));
        }
        ledger.plan(campaign.id(), runId, newRows);
        return new CampaignPlan(campaign, targeted, optedOut, invalid, heldOut, already, jobs);
    }

    /** Seeded per (campaign, customer), so the control group does not depend on row order or on reruns. */
    boolean heldOut(Campaign campaign, String customerId) {
        if (campaign.holdoutShare() <= 0) return false;
        long h = settings.holdoutSeed();
        for (byte b : (campaign.id() + '\u0000' + customerId).getBytes(StandardCharsets.UTF_8)) h = h * 1_000_003L + b;
        return new SplittableRandom(h).nextDouble() < campaign.holdoutShare();
    }

    private static Map<String, String> fields(Campaign campaign, String customerId, String segment, CustomerTable table, int row) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("customer_id", customerId);
        String name = table.text(ContactField.NAME, row);
        f.put("name", name == null ? "" : name);
        f.put("segment", segment);
        f.put("campaign", campaign.id());
        for (String column : table.numericNames()) {
            double v = table.value(column, row);
            if (!Double.isNaN(v)) f.put(column, v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v)
                    : String.format(Locale.ROOT, "%.2f", v));
        }
        for (String column : table.dateNames()) {
            double v = table.value(column, row);
            if (!Double.isNaN(v)) f.put(column, java.time.LocalDate.ofEpochDay((long) v).toString());
        }
        return f;
    }

    /** The run's summary mail, unless nobody is to get it or this run id already had one. */
    private MailJob summaryJob(SegmentationRun run) {
        if (settings.summaryTo().isEmpty()) return null;
        String runId = run.request().runId();
        Status status = ledger.status(Campaign.RUN_SUMMARY, runId);
        if (status == null) {
            ledger.plan(Campaign.RUN_SUMMARY, runId, List.of(new Planned(runId, "", Status.QUEUED)));
        } else if (status != Status.QUEUED) {
            return null;
        }
        StringBuilder segments = new StringBuilder();
        for (SegmentProfile p : run.profiles()) {
            if (segments.length() > 0) segments.append(';');
            segments.append(p.name().replace('|', ' ').replace(';', ' ')).append('|')
                    .append(String.format(Locale.ROOT, "%,d", p.size())).append('|')
                    .append(String.format(Locale.ROOT, "%.1f%%", p.share() * 100));
        }
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("run_id", runId);
        fields.put("input", run.request().inputName());
        fields.put("customers", String.format(Locale.ROOT, "%,d", run.rowsLoaded()));
        fields.put("segment_count", Integer.toString(run.profiles().size()));
        fields.put("segments", segments.toString());
        return new MailJob(Campaign.RUN_SUMMARY, runId, "", "", runId, run.outputDir(), fields);
    }

    private static boolean yes(String flag) {
        return flag != null && YES.contains(flag.trim().toLowerCase(Locale.ROOT));
    }
}
