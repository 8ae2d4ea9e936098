package io.segmentflow.deliver.mail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a run's mail delivery will do, decided (and written to the ledger) before anything is sent.
 *
 * @param runId      the run
 * @param hasContacts whether the input had an e-mail column at all
 * @param outputDir  the run's published folder
 * @param campaigns  one plan per configured campaign
 * @param summaryJob the run's summary mail, or null (no recipients, or already sent for this run id)
 * @param notes      things a person should know (for example: the input has no e-mail column)
 */
public record MailPlan(String runId, boolean hasContacts, Path outputDir, List<CampaignPlan> campaigns, MailJob summaryJob, List<String> notes) {
    public MailPlan {
        campaigns = List.copyOf(campaigns);
        notes = List.copyOf(notes);
    }

    /** Nothing to send and nothing to report: no addresses in the input and no summary mail. */
    public boolean isEmpty() {
        return !hasContacts && summaryJob == null;
    }

    /** Every campaign mail to try now, campaign by campaign. */
    public List<MailJob> jobs() {
        List<MailJob> all = new ArrayList<>();
        campaigns.forEach(c -> all.addAll(c.jobs()));
        return all;
    }

    /**
     * @param targeted      customers of the target segments in this run
     * @param optedOut      customer ids not mailed: opted out (or no consent)
     * @param invalid       customer ids not mailed: no or an invalid address, each with the reason
     * @param heldOut       customers newly put in the control group by this run
     * @param alreadyInLedger customers the ledger already had (sent, failed, held out or in doubt before): not mailed again
     * @param jobs          the mails to try now
     */
    public record CampaignPlan(Campaign campaign, int targeted, List<String> optedOut, List<Skipped> invalid, int heldOut,
                               int alreadyInLedger, List<MailJob> jobs) {
        public CampaignPlan {
            optedOut = List.copyOf(optedOut);
            invalid = List.copyOf(invalid);
            jobs = List.copyOf(jobs);
        }
    }

    /** A customer that is not mailed, and why (never the address itself). */
    public record Skipped(String customerId, String reason) {
    }
}
