package io.segmentflow.deliver;

import io.segmentflow.demo.DemoCustomerGenerator;
import io.segmentflow.model.SegmentationRun;
import io.segmentflow.support.FailingDataSource;
import io.segmentflow.support.Pipeline;
import io.segmentflow.support.TestDatabase;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Write-back on H2 and on a real PostgreSQL (INSERT batches and COPY): whole runs or nothing, once per run id. */
class RunDatabaseWriterTest {
    private static final Map<String, String> VERSIONS = Map.of("segmentflow", "test");

    /** Where and how assignments are written. */
    enum Target {
        H2(TestDatabase.H2, false), POSTGRESQL_INSERTS(TestDatabase.POSTGRESQL, false), POSTGRESQL_COPY(TestDatabase.POSTGRESQL, true);

        final TestDatabase db;
        final boolean copy;

        Target(TestDatabase db, boolean copy) {
            this.db = db;
            this.copy = copy;
        }

        RunDatabaseWriter writer(javax.sql.DataSource pool, int batchSize) {
            return new RunDatabaseWriter(pool, batchSize, copy, VERSIONS, Pipeline.CLOCK);
        }
    }

    static SegmentationRun run(int customers, long seed, String name) {
        StringWriter csv = new StringWriter();
        try {
            new DemoCustomerGenerator(seed).write(csv, customers, 3);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Pipeline.withApplicationSettings().profiled(csv.toString(), name, null);
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void writesTheRunAndOneAssignmentPerCustomer(Target target) throws SQLException {
        try (BasicDataSource pool = target.db.migrated()) {
            SegmentationRun run = run(300, 1, "a.csv");
            target.writer(pool, 50).write(run);

            JdbcTemplate sql = new JdbcTemplate(pool);
            String id = run.request().runId();
            assertEquals(run.rowsLoaded(), count(sql, "SELECT COUNT(*) FROM segment_assignment WHERE run_id = ?", id));
            Map<String, Object> row = sql.queryForMap("SELECT * FROM segment_run WHERE run_id = ?", id);
            assertEquals(run.rowsRead(), ((Number) row.get("rows_read")).longValue());
            assertEquals("a.csv", row.get("source"));
            assertTrue(row.get("manifest").toString().contains("\"runId\":\"" + id + "\""));
            assertEquals(run.profiles().size(), count(sql, "SELECT COUNT(DISTINCT segment_name) FROM segment_assignment WHERE run_id = ?", id));
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void writingTheSameRunAgainAddsNoRows(Target target) throws SQLException {
        try (BasicDataSource pool = target.db.migrated()) {
            SegmentationRun run = run(200, 2, "b.csv");
            RunDatabaseWriter writer = target.writer(pool, 64);
            writer.write(run);
            writer.write(run);

            JdbcTemplate sql = new JdbcTemplate(pool);
            assertEquals(1, count(sql, "SELECT COUNT(*) FROM segment_run"));
            assertEquals(run.rowsLoaded(), count(sql, "SELECT COUNT(*) FROM segment_assignment"));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aFailureInTheMiddleOfTheWriteLeavesNoRowsOfTheRun(TestDatabase db) throws SQLException {
        try (BasicDataSource pool = db.migrated()) {
            SegmentationRun run = run(300, 3, "c.csv");
            FailingDataSource failing = new FailingDataSource(pool, 3); // batches 1 and 2 went through
            RunDatabaseWriter writer = new RunDatabaseWriter(failing, 50, false, VERSIONS, Pipeline.CLOCK);

            RuntimeException e = assertThrows(RuntimeException.class, () -> writer.write(run));

            assertTrue(String.valueOf(e.getMessage()).contains("injected failure"), e.toString());
            assertEquals(3, failing.batchesExecuted());
            JdbcTemplate sql = new JdbcTemplate(pool);
            assertEquals(0, count(sql, "SELECT COUNT(*) FROM segment_run"));
            assertEquals(0, count(sql, "SELECT COUNT(*) FROM segment_assignment"));

            new RunDatabaseWriter(pool, 50, false, VERSIONS, Pipeline.CLOCK).write(run); // the retry writes it whole
            assertEquals(run.rowsLoaded(), count(sql, "SELECT COUNT(*) FROM segment_assignment"));
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void theCurrentSegmentViewShowsEachCustomersLatestRun(Target target) throws SQLException {
        try (BasicDataSource pool = target.db.migrated()) {
            RunDatabaseWriter writer = target.writer(pool, 100);
            SegmentationRun first = run(200, 4, "first.csv");
            SegmentationRun second = run(100, 5, "second.csv"); // ids C000001.. overlap the first run's
            writer.write(first);
            writer.write(second);

            JdbcTemplate sql = new JdbcTemplate(pool);
            assertEquals(first.rowsLoaded() + second.rowsLoaded(), count(sql, "SELECT COUNT(*) FROM segment_assignment"));
            long customers = count(sql, "SELECT COUNT(DISTINCT customer_id) FROM segment_assignment");
            assertEquals(customers, count(sql, "SELECT COUNT(*) FROM customer_current_segment"), "one row per customer");
            String customerInBoth = second.features().customerId(0);
            assertEquals(second.request().runId(), sql.queryForObject(
                    "SELECT run_id FROM customer_current_segment WHERE customer_id = ?", String.class, customerInBoth));
        }
    }

    @ParameterizedTest
    @EnumSource(Target.class)
    void aFailureAfterHalfTheAssignmentsLeavesNoRowsOfTheRun(Target target) throws SQLException {
        try (BasicDataSource pool = target.db.migrated()) {
            SegmentationRun run = run(400, 6, "d.csv");
            RunDatabaseWriter writer = new RunDatabaseWriter(pool, 40, target.copy, VERSIONS, Pipeline.CLOCK, written -> {
                if (written >= run.rowsLoaded() / 2) throw new IllegalStateException("injected failure after " + written + " rows");
            });

            IllegalStateException e = assertThrows(IllegalStateException.class, () -> writer.write(run));

            assertTrue(e.getMessage().startsWith("injected failure"), e.getMessage());
            JdbcTemplate sql = new JdbcTemplate(pool);
            assertEquals(0, count(sql, "SELECT COUNT(*) FROM segment_run"));
            assertEquals(0, count(sql, "SELECT COUNT(*) FROM segment_assignment"));
        }
    }

    @org.junit.jupiter.api.Test
    void copyStreamsIdsAndNamesWithCommasAndQuotesIntact() throws SQLException {
        try (BasicDataSource pool = TestDatabase.POSTGRESQL.migrated()) {
            String csv = "customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date\n"
                    + "\"a,\"\"b\"\"\",1,1,1,2025-01-01\n" + "x,2,2,2,2025-01-02\n" + "y,300,30,30,2025-06-01\n"
                    + "z,310,31,31,2025-06-02\n";
            SegmentationRun run = Pipeline.withCleaning(io.segmentflow.support.ApplicationSettings.cleaning())
                    .profiled(csv, "quotes.csv", null);
            Target.POSTGRESQL_COPY.writer(pool, 2).write(run);

            assertEquals(1, count(new JdbcTemplate(pool), "SELECT COUNT(*) FROM segment_assignment WHERE customer_id = ?", "a,\"b\""));
        }
    }

    private static long count(JdbcTemplate sql, String query, Object... args) {
        return sql.queryForObject(query, Long.class, args);
    }
}
