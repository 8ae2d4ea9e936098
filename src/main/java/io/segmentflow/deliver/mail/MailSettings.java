package io.segmentflow.deliver.mail;

import java.nio.file.Path;
import java.util.List;

/**
 * Mail delivery from configuration (segmentation.mail.*).
 *
 * @param transport              outbox (.eml files, the embedded default) or smtp
 * @param outboxDir              where the outbox writes
 * @param from                   the sender address
 * @param unsubscribeUrl         the unsubscribe link; {campaign} and {customer_id} are replaced (URL-encoded)
 * @param unsubscribeMailto      an address for mailto: unsubscribing in List-Unsubscribe, or empty
 * @param holdoutSeed            the seed of the control groups
 * @param summaryTo              who gets the summary mail of every run (empty: nobody)
 * @param summaryMaxAttachBytes  above this total, the summary mail names the folder instead of attaching files
 * @param campaigns              the configured campaigns
 */
public record MailSettings(String transport, Path outboxDir, String from, String unsubscribeUrl, String unsubscribeMailto,
                           long holdoutSeed, List<String> summaryTo, long summaryMaxAttachBytes, List<Campaign> campaigns) {
    public MailSettings {
        if (!transport.equals("outbox") && !transport.equals("smtp")) {
            throw new IllegalArgumentException("segmentation.mail.transport must be outbox or smtp, was '" + transport + "'");
        }
        summaryTo = List.copyOf(summaryTo);
        campaigns = List.copyOf(campaigns);
    }
}
