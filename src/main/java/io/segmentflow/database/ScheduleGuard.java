package io.segmentflow.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Keeps scheduled runs from overlapping, also across instances sharing the database: a firing runs
 * only if it can take the row lock in {@code segment_schedule_lock}; otherwise it is skipped and
 * logged. A lock older than the timeout (an instance that died mid-run) is taken over. Every firing
 * is recorded in {@code segment_schedule_firing} with its outcome.
 */
public final class ScheduleGuard {
    private static final Logger LOG = LoggerFactory.getLogger(ScheduleGuard.class);
    static final String LOCK = "ingest-database";
    private static final String TAKE = """
            UPDATE segment_schedule_lock SET holder = :holder, acquired_at = :now
            WHERE lock_name = :lock AND (holder IS NULL OR acquired_at < :staleBefore)""";
    private static final String RELEASE = """
            UPDATE segment_schedule_lock SET holder = NULL, acquired_at = NULL
            WHERE lock_name = :lock AND holder = :holder""";
    private static final String RECORD = """
            INSERT INTO segment_schedule_firing (scheduled_at, fired_at, instance, outcome)
            VALUES (:scheduledAt, :firedAt, :instance, :outcome)""";

    private final NamedParameterJdbcTemplate jdbc;
    private final String instance;
    private final Duration lockTimeout;
    private final Clock clock;

    /** @param instance names this instance in the lock and the firing log (host, process, context) */
    public ScheduleGuard(DataSource dataSource, String instance, Duration lockTimeout, Clock clock) {
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.instance = instance;
        this.lockTimeout = lockTimeout;
        this.clock = clock;
    }

    /** True if this firing may run; false (logged) if the previous run still holds the lock. */
    public boolean tryStart(Date scheduledFireTime) {
        Instant now = clock.instant();
        int taken = jdbc.update(TAKE, new MapSqlParameterSource("lock", LOCK).addValue("holder", instance)
                .addValue("now", Timestamp.from(now)).addValue("staleBefore", Timestamp.from(now.minus(lockTimeout))));
        Instant scheduled = scheduledFireTime == null ? now : scheduledFireTime.toInstant();
        jdbc.update(RECORD, new MapSqlParameterSource("scheduledAt", Timestamp.from(scheduled))
                .addValue("firedAt", Timestamp.from(now)).addValue("instance", instance)
                .addValue("outcome", taken == 1 ? "ran" : "skipped"));
        if (taken != 1) {
            LOG.warn("Skipped the database run scheduled for {}: the previous run is still going", scheduled);
        }
        return taken == 1;
    }

    /** Releases the lock if this instance holds it; called whether the run succeeded or not. */
    public void finish() {
        jdbc.update(RELEASE, new MapSqlParameterSource("lock", LOCK).addValue("holder", instance));
    }
}
