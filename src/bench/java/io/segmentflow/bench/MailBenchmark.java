package io.segmentflow.bench;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.segmentflow.SegmentflowBeans;
import io.segmentflow.deliver.mail.MailJob;
import io.segmentflow.deliver.mail.MailLedger;
import io.segmentflow.deliver.mail.MailLedger.Planned;
import io.segmentflow.deliver.mail.MailLedger.Status;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.main.Main;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: a campaign of 10,000 mails through the real send route (ledger claim, compose,
 * throttle, header strip, camel-mail SMTP, ledger update) into GreenMail, printing mails per second.
 * The throttle is set far above what is reached, so the figure is the pipeline's own rate.
 * Run with {@code mvn -B -q -Pbench -DskipTests test-compile exec:exec@mail-benchmark}.
 */
public final class MailBenchmark {
    public static void main(String[] args) throws Exception {
        int mails = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        Path dir = Files.createTempDirectory("segmentflow-mail-bench");
        GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        greenMail.start();
        Main main = new Main();
        main.configure().addConfiguration(SegmentflowBeans.class);
        main.setDefaultPropertyPlaceholderLocation("file:config/application.properties");
        Map.of("segmentation.inbox.enabled", "false",
                "segmentation.database.url", "jdbc:h2:file:" + dir.resolve("segmentflow") + ";TRACE_LEVEL_FILE=0",
                "segmentation.mail.transport", "smtp",
                "segmentation.mail.smtp.host", "127.0.0.1",
                "segmentation.mail.smtp.port", Integer.toString(greenMail.getSmtp().getPort()),
                "segmentation.mail.smtp.starttls", "false",
                "segmentation.mail.rate-per-second", "1000000").forEach(main::addOverrideProperty);
        main.start();
        try {
            MailLedger ledger = main.getCamelContext().getRegistry().lookupByNameAndType("mailLedger", MailLedger.class);
            ProducerTemplate template = main.getCamelContext().createProducerTemplate();
            for (int round = 0; round < 2; round++) { // round 0 warms up the JIT on a tenth of the mails
                String campaign = round == 0 ? "warm-up" : "early-access";
                int n = round == 0 ? mails / 10 : mails;
                List<Planned> rows = new ArrayList<>();
                List<MailJob> jobs = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    String id = String.format(Locale.ROOT, "C%06d", i);
                    rows.add(new Planned(id, "High-Value", Status.QUEUED));
                    jobs.add(new MailJob(campaign, id, "customer." + i + "@example.com", "High-Value", "bench", null,
                            Map.of("customer_id", id, "name", "Customer " + i, "segment", "High-Value", "campaign", campaign)));
                }
                ledger.plan(campaign, "bench", rows);
                int before = greenMail.getReceivedMessages().length;
                long t0 = System.nanoTime();
                for (MailJob job : jobs) template.sendBody("direct:deliver-mail-send", job);
                double seconds = (System.nanoTime() - t0) / 1e9;
                int received = greenMail.getReceivedMessages().length - before;
                if (round == 1) {
                    System.out.printf(Locale.ROOT, "Campaign mail: %,d mails through camel-mail SMTP into GreenMail in %.1f s = %.0f mails/s "
                            + "(%,d received, %d cores)%n", n, seconds, n / seconds, received, Runtime.getRuntime().availableProcessors());
                }
            }
        } finally {
            main.stop();
            greenMail.stop();
        }
    }
}
