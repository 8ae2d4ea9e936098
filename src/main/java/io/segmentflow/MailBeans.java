package io.segmentflow;

import io.segmentflow.deliver.mail.Campaign;
import io.segmentflow.deliver.mail.CampaignPlanner;
import io.segmentflow.deliver.mail.MailComposer;
import io.segmentflow.deliver.mail.MailLedger;
import io.segmentflow.deliver.mail.MailOutbox;
import io.segmentflow.deliver.mail.MailReportWriter;
import io.segmentflow.deliver.mail.MailSettings;
import io.segmentflow.deliver.mail.SmtpFailures;
import io.segmentflow.model.ContactField;
import org.apache.camel.CamelContext;
import org.apache.camel.component.mail.MailComponent;
import org.apache.camel.component.mail.MailConfiguration;
import org.apache.camel.spi.Registry;

import javax.sql.DataSource;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongFunction;

/**
 * The mail part of the wiring (segmentation.mail.*), kept beside SegmentflowBeans, which calls it
 * with its typed property reads: the ledger, the planner, the composer, the transports.
 */
final class MailBeans {
    private MailBeans() {
    }

    /** SegmentflowBeans' typed reads, handed over so the messages name the key the same way. */
    record Keys(Function<String, String> string, Function<String, String> optional, Function<String, String> secret,
                Function<String, List<String>> list, ToIntFunction<String> integer, ToLongFunction<String> longValue,
                ToDoubleFunction<String> decimal, Predicate<String> bool) {
    }

    /** The optional contact columns of the input schema (segmentation.input.*-column). */
    static Map<String, String> contactColumns(Function<String, String> optional) {
        Map<String, String> columns = new LinkedHashMap<>();
        columns.put(ContactField.EMAIL, optional.apply("segmentation.input.email-column"));
        columns.put(ContactField.OPT_OUT, optional.apply("segmentation.input.opt-out-column"));
        columns.put(ContactField.CONSENT, optional.apply("segmentation.input.consent-column"));
        columns.put(ContactField.NAME, optional.apply("segmentation.input.name-column"));
        return columns;
    }

    static void bind(CamelContext context, Keys k, Clock clock) {
        Registry registry = context.getRegistry();
        MailSettings settings = settings(k);
        DataSource pool = registry.lookupByNameAndType("segmentflowDataSource", DataSource.class);
        MailLedger ledger = new MailLedger(pool, clock);
        // Mail left PENDING by a stopped process may or may not have gone out. Only a process that sends
        // mail takes stock, and not a profiled inbox file's short-lived run inside a running service,
        // whose own start already did and whose mails may be on their way at that moment.
        if (k.bool().test("segmentation.mail.enabled") && k.bool().test("segmentation.mail.recover-at-start")) {
            ledger.markInDoubt();
        }
        registry.bind("mailLedger", ledger);
        registry.bind("campaignPlanner", new CampaignPlanner(settings, ledger));
        registry.bind("mailComposer", new MailComposer(settings));
        registry.bind("mailOutbox", new MailOutbox(settings.outboxDir()));
        registry.bind("mailReportWriter", new MailReportWriter(ledger, settings));
        registry.bind("smtpFailures", new SmtpFailures());
        registry.bind("smtp", smtpComponent(k));
    }

    static MailSettings settings(Keys k) {
        List<Campaign> campaigns = new ArrayList<>();
        // With mail off, the campaigns (and their template folders) are not needed at all.
        List<String> ids = k.bool().test("segmentation.mail.enabled") ? k.list().apply("segmentation.mail.campaigns") : List.of();
        for (String id : ids) {
            String prefix = "segmentation.mail.campaign." + id + ".";
            campaigns.add(new Campaign(id, k.list().apply(prefix + "segments"), Path.of(k.string().apply(prefix + "templates")),
                    k.decimal().applyAsDouble(prefix + "holdout-share")));
        }
        if (k.integer().applyAsInt("segmentation.mail.rate-per-second") < 1) {
            throw new IllegalArgumentException("segmentation.mail.rate-per-second must be at least 1");
        }
        return new MailSettings(k.string().apply("segmentation.mail.transport"), Path.of(k.string().apply("segmentation.mail.outbox.dir")),
                k.string().apply("segmentation.mail.from"), k.string().apply("segmentation.mail.unsubscribe-url"),
                k.optional().apply("segmentation.mail.unsubscribe-mailto"), k.longValue().applyAsLong("segmentation.mail.holdout-seed"),
                k.list().apply("segmentation.mail.summary.to"),
                k.longValue().applyAsLong("segmentation.mail.summary.max-attachment-bytes"), campaigns);
    }

    /** camel-mail's smtp component with the account and TLS settings; host and port are in the route's URI. */
    private static MailComponent smtpComponent(Keys k) {
        MailConfiguration config = new MailConfiguration();
        String user = k.optional().apply("segmentation.mail.smtp.user");
        if (!user.isEmpty()) {
            config.setUsername(user);
            config.setPassword(k.secret().apply("segmentation.mail.smtp.password"));
        }
        int timeout = k.integer().applyAsInt("segmentation.mail.smtp.timeout-ms");
        config.setConnectionTimeout(timeout);
        Properties mail = new Properties();
        boolean startTls = k.bool().test("segmentation.mail.smtp.starttls");
        mail.put("mail.smtp.starttls.enable", Boolean.toString(startTls));
        mail.put("mail.smtp.starttls.required", Boolean.toString(startTls));
        mail.put("mail.smtp.timeout", Integer.toString(timeout));
        mail.put("mail.smtp.writetimeout", Integer.toString(timeout));
        config.setAdditionalJavaMailProperties(mail);
        return new MailComponent(config);
    }
}
