package io.segmentflow.deliver.mail;

import java.nio.file.Path;
import java.util.Map;

/**
 * One mail to send: the ledger key (campaign, customer) and what the message is made of. It travels
 * in the exchange body and properties, never in headers (camel-mail would send headers along).
 *
 * @param campaignId the campaign, or {@link Campaign#RUN_SUMMARY}
 * @param customerId the customer (for the summary mail: the run id)
 * @param email      the validated recipient (unused for the summary mail, which goes to the team)
 * @param segment    the customer's segment name
 * @param runId      the run that sends it
 * @param outputDir  the run's published folder (the summary mail attaches from it)
 * @param fields     template values: customer_id, name, segment, campaign and the customer's numbers
 */
public record MailJob(String campaignId, String customerId, String email, String segment, String runId, Path outputDir,
                      Map<String, String> fields) {
    public MailJob {
        fields = Map.copyOf(fields);
    }

    public boolean isRunSummary() {
        return campaignId.equals(Campaign.RUN_SUMMARY);
    }
}
