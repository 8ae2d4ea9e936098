package io.segmentflow.database;

import io.segmentflow.support.TestDatabase;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** No overlapping scheduled runs, also between two instances on one database. */
class ScheduleGuardTest {
    private static final Instant NOON = Instant.parse("2025-07-01T12:00:00Z");

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFiringWhileTheLastRunIsGoingIsSkippedAndRecorded(TestDatabase db) throws SQLException {
        try (BasicDataSource pool = db.migrated()) {
            ScheduleGuard a = guard(pool, "node-a", NOON);
            ScheduleGuard b = guard(pool, "node-b", NOON.plusSeconds(60));

            assertTrue(a.tryStart(Date.from(NOON)));
            assertFalse(a.tryStart(Date.from(NOON.plusSeconds(30))), "the same instance does not overlap itself");
            assertFalse(b.tryStart(Date.from(NOON.plusSeconds(60))), "nor does another instance");
            b.finish(); // not the holder: changes nothing
            assertFalse(b.tryStart(Date.from(NOON.plusSeconds(60))));
            a.finish();
            assertTrue(b.tryStart(Date.from(NOON.plusSeconds(90))));

            List<String> outcomes = new JdbcTemplate(pool).queryForList(
                    "SELECT instance || ':' || outcome FROM segment_schedule_firing ORDER BY scheduled_at, fired_at", String.class);
            assertEquals(List.of("node-a:ran", "node-a:skipped", "node-b:skipped", "node-b:skipped", "node-b:ran"), outcomes);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aLockOlderThanTheTimeoutIsTakenOver(TestDatabase db) throws SQLException {
        try (BasicDataSource pool = db.migrated()) {
            assertTrue(guard(pool, "died", NOON).tryStart(Date.from(NOON)));

            assertFalse(guard(pool, "survivor", NOON.plus(Duration.ofMinutes(59))).tryStart(null));
            assertTrue(guard(pool, "survivor", NOON.plus(Duration.ofMinutes(61))).tryStart(null));
        }
    }

    private static ScheduleGuard guard(BasicDataSource pool, String instance, Instant now) {
        return new ScheduleGuard(pool, instance, Duration.ofHours(1), Clock.fixed(now, ZoneOffset.UTC));
    }
}
