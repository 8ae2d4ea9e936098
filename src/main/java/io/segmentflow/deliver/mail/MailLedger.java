package io.segmentflow.deliver.mail;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The table campaign_mail: one row per (campaign, customer), written before sending, so a customer
 * is mailed at most once per campaign. A mail is only sent after {@link #claim} moved its row from
 * QUEUED to PENDING; a row still PENDING at the next start is IN_DOUBT and never resent automatically.
 */
public final class MailLedger {
    private static final Logger LOG = LoggerFactory.getLogger(MailLedger.class);
    /** Error texts from SMTP servers quote the address; the ledger and the report keep the reason only. */
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+");
    private static final int PROGRESS_EVERY = 1000;

    public enum Status { QUEUED, PENDING, SENT, FAILED, HELD_OUT, IN_DOUBT }

    private final NamedParameterJdbcTemplate jdbc;
    private final Clock clock;
    private long sent;

    public MailLedger(DataSource dataSource, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.clock = clock;
    }

    /** At start-up: whatever was being sent when the process stopped may or may not have gone out. */
    public int markInDoubt() {
        int n = jdbc.update("UPDATE campaign_mail SET status = 'IN_DOUBT', updated_at = :now WHERE status = 'PENDING'",
                new MapSqlParameterSource("now", now()));
        if (n > 0) {
            LOG.warn("{} campaign mails were being sent when Segmentflow last stopped: marked IN_DOUBT, not resent "
                    + "(listed in the next run's mail-report.json)", n);
        }
        return n;
    }

    /** The ledger's rows of one campaign: customer id -> status. */
    public Map<String, Status> statuses(String campaignId) {
        Map<String, Status> out = new HashMap<>();
        jdbc.query("SELECT customer_id, status FROM campaign_mail WHERE campaign_id = :c", new MapSqlParameterSource("c", campaignId),
                rs -> {
                    out.put(rs.getString(1), Status.valueOf(rs.getString(2)));
                });
        return out;
    }

    /** A row planned by a run: QUEUED (to send) or HELD_OUT (control group). */
    public record Planned(String customerId, String segment, Status status) {
    }

    /** Inserts new rows in batches; the primary key refuses a second row for a (campaign, customer). */
    public void plan(String campaignId, String runId, List<Planned> rows) {
        List<SqlParameterSource> batch = new ArrayList<>();
        Timestamp now = now();
        for (Planned r : rows) {
            batch.add(new MapSqlParameterSource("c", campaignId).addValue("k", r.customerId()).addValue("r", runId)
                    .addValue("g", r.segment()).addValue("s", r.status().name()).addValue("now", now));
            if (batch.size() == 1000) flush(batch);
        }
        flush(batch);
    }

    private void flush(List<SqlParameterSource> batch) {
        if (batch.isEmpty()) return;
        jdbc.batchUpdate("INSERT INTO campaign_mail (campaign_id, customer_id, run_id, segment, status, attempts, updated_at) "
                + "VALUES (:c, :k, :r, :g, :s, 0, :now)", batch.toArray(SqlParameterSource[]::new));
        batch.clear();
    }

    /** QUEUED -> PENDING for this run; false when the row is not QUEUED (someone else sent it, or it was settled). */
    public boolean claim(MailJob job) {
        return jdbc.update("UPDATE campaign_mail SET status = 'PENDING', attempts = attempts + 1, run_id = :r, updated_at = :now "
                + "WHERE campaign_id = :c AND customer_id = :k AND status = 'QUEUED'", key(job).addValue("r", job.runId())) == 1;
    }

    public void sent(MailJob job) {
        move(job, Status.SENT, null);
        synchronized (this) {
            if (++sent % PROGRESS_EVERY == 0) LOG.info("Mail: {} sent since start-up", sent);
        }
    }

    /** Refused for good (an SMTP 5xx, a message that cannot be built): never retried. */
    public void failed(MailJob job, Exception cause) {
        LOG.warn("Mail {} to customer {} failed for good: {}", job.campaignId(), job.customerId(), redact(message(cause)));
        move(job, Status.FAILED, message(cause));
    }

    /** A transient failure that outlasted the retries: back to QUEUED, so the next run tries again. */
    public void deferred(MailJob job, Exception cause) {
        LOG.warn("Mail {} to customer {} deferred to the next run after retries: {}", job.campaignId(), job.customerId(),
                redact(message(cause)));
        move(job, Status.QUEUED, message(cause));
    }

    private void move(MailJob job, Status to, String error) {
        jdbc.update("UPDATE campaign_mail SET status = :s, last_error = :e, updated_at = :now "
                        + "WHERE campaign_id = :c AND customer_id = :k AND status = 'PENDING'",
                key(job).addValue("s", to.name()).addValue("e", error == null ? null : abbreviate(redact(error))));
    }

    /** Rows of one campaign by status: those one run touched, or every row when runId is null. */
    public Map<String, Integer> counts(String campaignId, String runId) {
        Map<String, Integer> out = new TreeMap<>();
        jdbc.query("SELECT status, COUNT(*) FROM campaign_mail WHERE campaign_id = :c" + (runId == null ? "" : " AND run_id = :r")
                        + " GROUP BY status", new MapSqlParameterSource("c", campaignId).addValue("r", runId), rs -> {
                    out.put(rs.getString(1), rs.getInt(2));
                });
        return out;
    }

    /** customer id -> last error of the rows in a status (of one run, or of any run when runId is null). */
    public Map<String, String> rows(String campaignId, Status status, String runId) {
        Map<String, String> out = new LinkedHashMap<>();
        MapSqlParameterSource p = new MapSqlParameterSource("c", campaignId).addValue("s", status.name()).addValue("r", runId);
        jdbc.query("SELECT customer_id, last_error FROM campaign_mail WHERE campaign_id = :c AND status = :s"
                + (runId == null ? "" : " AND run_id = :r") + " ORDER BY customer_id", p, rs -> {
                    out.put(rs.getString(1), rs.getString(2) == null ? "" : rs.getString(2));
                });
        return out;
    }

    public Status status(String campaignId, String customerId) {
        List<String> s = jdbc.queryForList("SELECT status FROM campaign_mail WHERE campaign_id = :c AND customer_id = :k",
                new MapSqlParameterSource("c", campaignId).addValue("k", customerId), String.class);
        return s.isEmpty() ? null : Status.valueOf(s.get(0));
    }

    private MapSqlParameterSource key(MailJob job) {
        return new MapSqlParameterSource("c", job.campaignId()).addValue("k", job.customerId()).addValue("now", now());
    }

    private Timestamp now() {
        return Timestamp.from(clock.instant());
    }

    static String redact(String text) {
        return text == null ? null : ADDRESS.matcher(text).replaceAll("[address removed]");
    }

    private static String abbreviate(String s) {
        return s.length() <= 1000 ? s : s.substring(0, 997) + "...";
    }

    private static String message(Throwable e) {
        Throwable t = e;
        String best = String.valueOf(e.getMessage());
        while (t != null) {
            if (t.getMessage() != null) best = t.getMessage();
            if (t instanceof jakarta.mail.MessagingException m && m.getNextException() != null && t.getCause() == null) {
                t = m.getNextException();
            } else {
                t = t.getCause() == t ? null : t.getCause();
            }
        }
        return best.replace('\r', ' ').replace('\n', ' ').trim();
    }
}
