package io.segmentflow;

import io.segmentflow.database.DatabaseSettings;
import io.segmentflow.support.TestDatabase;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.component.quartz.QuartzEndpoint;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.quartz.CronTrigger;
import org.quartz.Trigger;
import org.springframework.jdbc.core.JdbcTemplate;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The service's schedule: the ingest-database route fires on its cron and writes every run back. */
class ScheduledDatabaseRunTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void firesOnTheCronRunsTheQueryAndWritesEachRunBack(TestDatabase db) throws Exception {
        DatabaseSettings s = db.fresh();
        try (BasicDataSource pool = DatabaseFlowTest.migratedPoolWithPurchases(s, 120)) {
            Map<String, String> overrides = scheduled(s);

            JdbcTemplate sql = new JdbcTemplate(pool);
            try (Launcher launcher = Launcher.start(overrides)) {
                QuartzEndpoint endpoint = (QuartzEndpoint) launcher.context().getRoute("ingest-database").getEndpoint();
                Trigger trigger = launcher.context().getComponent("quartz", QuartzComponent.class).getScheduler()
                        .getTrigger(endpoint.getTriggerKey());
                assertEquals(CronTrigger.MISFIRE_INSTRUCTION_FIRE_ONCE_NOW, trigger.getMisfireInstruction(),
                        "after downtime, one catch-up run rather than a backlog");

                await().atMost(Duration.ofSeconds(60)).until(() ->
                        sql.queryForObject("SELECT COUNT(*) FROM segment_run", Long.class) >= 2);
            }
            assertEquals(0L, sql.queryForObject("SELECT COUNT(*) FROM segment_schedule_lock WHERE holder IS NOT NULL", Long.class),
                    "the lock is released after each run");
            long runs = sql.queryForObject("SELECT COUNT(*) FROM segment_run", Long.class);
            assertEquals(120 * runs, sql.queryForObject("SELECT COUNT(*) FROM segment_assignment", Long.class));
            long ran = sql.queryForObject("SELECT COUNT(*) FROM segment_schedule_firing WHERE outcome = 'ran'", Long.class);
            assertEquals(true, ran >= runs, "every run came from a recorded firing");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void firingsWhileAnotherRunHoldsTheLockAreSkippedAndRecorded(TestDatabase db) throws Exception {
        DatabaseSettings s = db.fresh();
        try (BasicDataSource pool = DatabaseFlowTest.migratedPoolWithPurchases(s, 120)) {
            JdbcTemplate sql = new JdbcTemplate(pool);
            // A run of another instance, still going.
            sql.update("UPDATE segment_schedule_lock SET holder = 'other-instance', acquired_at = CURRENT_TIMESTAMP");

            try (Launcher launcher = Launcher.start(scheduled(s))) {
                await().atMost(Duration.ofSeconds(30)).until(() ->
                        sql.queryForObject("SELECT COUNT(*) FROM segment_schedule_firing WHERE outcome = 'skipped'", Long.class) >= 2);
            }
            assertEquals(0L, sql.queryForObject("SELECT COUNT(*) FROM segment_run", Long.class), "no run overlapped the other");
            assertEquals(0L, sql.queryForObject("SELECT COUNT(*) FROM segment_schedule_firing WHERE outcome = 'ran'", Long.class));
            assertEquals("other-instance", sql.queryForObject("SELECT holder FROM segment_schedule_lock", String.class),
                    "a skipped firing leaves the other run's lock alone");
        }
    }

    @org.junit.jupiter.api.Test
    void afterDowntimeTheMissedFiringsBecomeAtMostOneCatchUpRun() throws Exception {
        DatabaseSettings s = TestDatabase.H2.fresh();
        try (BasicDataSource pool = DatabaseFlowTest.migratedPoolWithPurchases(s, 60)) {
            JdbcTemplate sql = new JdbcTemplate(pool);
            Map<String, String> overrides = scheduled(s);
            // The JDBC job store keeps the trigger across the restart, as it would across downtime.
            overrides.put("segmentation.database.schedule.clustered", "true");
            overrides.put("segmentation.database.schedule.misfire-threshold-ms", "500");

            try (Launcher launcher = Launcher.start(overrides)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> firings(sql, "1 = 1") >= 2);
            }
            long beforeDowntime = firings(sql, "1 = 1");
            // Down for 4 s: 4 firings of the every-second cron are missed, and nothing fires meanwhile.
            await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(6)).until(() -> firings(sql, "1 = 1") == beforeDowntime);
            java.sql.Timestamp restarted = new java.sql.Timestamp(System.currentTimeMillis());
            try (Launcher launcher = Launcher.start(overrides)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> firings(sql, "fired_at >= ?", restarted) >= 4);
            }
            // The missed whole seconds are not replayed; one firing "now" (off the whole second) catches up.
            List<java.sql.Timestamp> after = sql.queryForList(
                    "SELECT scheduled_at FROM segment_schedule_firing WHERE fired_at >= ? ORDER BY scheduled_at",
                    java.sql.Timestamp.class, restarted);
            assertEquals(0, after.stream().filter(t -> t.before(restarted)).count(), "missed firings replayed: " + after);
            assertEquals(1, after.stream().filter(t -> t.getTime() % 1000 != 0).count(), "one catch-up run: " + after);
        }
    }

    private static long firings(JdbcTemplate sql, String where, Object... args) {
        return sql.queryForObject("SELECT COUNT(*) FROM segment_schedule_firing WHERE " + where, Long.class, args);
    }

    /** The service with the schedule on, every second, on the RFM profile of a small purchase table. */
    private Map<String, String> scheduled(DatabaseSettings s) {
        Map<String, String> overrides = new LinkedHashMap<>();
        overrides.put("segmentation.inbox.enabled", "false");
        overrides.put("segmentation.database.url", s.url());
        overrides.put("segmentation.database.user", s.user());
        overrides.put("segmentation.database.password", s.password());
        overrides.put("segmentation.database.schedule.enabled", "true");
        overrides.put("segmentation.database.schedule.cron", "0/1 * * * * ?");
        overrides.put("segmentation.database.query", "file:config/queries/rfm.sql");
        overrides.put("segmentation.input.numeric-columns", "total_spent,purchase_count");
        overrides.put("segmentation.clean.non-negative", "total_spent,purchase_count");
        overrides.put("segmentation.features.columns", "total_spent,purchase_count,recency_days");
        overrides.put("segmentation.cluster.k", "3");
        overrides.put("segmentation.cluster.restarts", "1");
        overrides.put("segmentation.output.dir", tmp.toString());
        return overrides;
    }
}
