package io.segmentflow.ingest;

import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.RejectReason;
import io.segmentflow.model.RejectedRow;
import io.segmentflow.model.SegmentationRun;
import io.segmentflow.support.ApplicationSettings;
import io.segmentflow.support.Pipeline;
import io.segmentflow.support.TestDatabase;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Query rows become the same CustomerTable a file does, under the same quarantine rules. */
class SqlCustomerReaderTest {
    private static final String INSERT = """
            INSERT INTO demo_customer (row_no, customer_id, total_spent, purchase_count, avg_session_time, last_purchase_date)
            VALUES (:row, :id, :spent, :count, :session, :date)""";

    private static SqlCustomerReader reader() {
        return new SqlCustomerReader(ApplicationSettings.inputSchema(), "database:customers", Pipeline.CLOCK);
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void quarantinesNullIdsNonNumbersAndBadDatesAndKeepsNullsAsMissing(TestDatabase db) throws SQLException {
        try (BasicDataSource pool = db.migrated()) {
            NamedParameterJdbcTemplate sql = new NamedParameterJdbcTemplate(pool);
            insert(sql, 1, "C1", "10.5", "2", "3.0", "2025-01-01");
            insert(sql, 2, null, "10", "2", "3", "2025-01-01");        // no id
            insert(sql, 3, "C3", "abc", "2", "3", "2025-01-01");       // not a number
            insert(sql, 4, "C4", "NaN", "2", "3", "2025-01-01");       // Double.parseDouble would take it
            insert(sql, 5, "C5", null, "N/A", "3", "2025-01-01");      // missing values, kept as NaN
            insert(sql, 6, "C6", "7", "1", "2", "2025-02-30");         // impossible date
            insert(sql, 7, "C1", "8", "1", "2", "2025-03-01");         // duplicate id: left to the clean stage

            SegmentationRun run = reader().read(rows(sql, "SELECT * FROM demo_customer ORDER BY row_no"), null);

            assertEquals(7, run.rowsRead());
            assertEquals(List.of("C1", "C5", "C1"), run.table().customerIds().toList());
            assertEquals(List.of(RejectReason.MISSING_CUSTOMER_ID, RejectReason.NOT_A_NUMBER, RejectReason.NOT_A_NUMBER,
                    RejectReason.INVALID_DATE), run.quarantine().rows().stream().map(RejectedRow::reason).toList());
            assertEquals(List.of(2L, 3L, 4L, 6L), run.quarantine().rows().stream().map(RejectedRow::sourceLine).toList());
            assertTrue(Double.isNaN(run.table().value("total_spent", 1)));
            assertTrue(Double.isNaN(run.table().value("purchase_count", 1)));
            assertEquals(10.5, run.table().value("total_spent", 0));
            assertEquals(LocalDate.of(2025, 1, 1).toEpochDay(), run.table().value("last_purchase_date", 0));
            assertTrue(run.warnings().get(0).contains("row_no"), "the extra column is named: " + run.warnings());

            SegmentationRun cleaned = new io.segmentflow.clean.CustomerCleaner(relaxed()).clean(run);
            assertEquals(RejectReason.DUPLICATE_CUSTOMER_ID, cleaned.quarantine().rows().get(4).reason());
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void readsTypedColumnsAggregatedInSql(TestDatabase db) throws SQLException {
        try (BasicDataSource pool = db.migrated()) {
            NamedParameterJdbcTemplate sql = new NamedParameterJdbcTemplate(pool);
            String insert = "INSERT INTO demo_transaction (transaction_id, customer_id, purchased_on, amount) VALUES (:t, :c, :d, :a)";
            sql.update(insert, new MapSqlParameterSource("t", 1).addValue("c", "A").addValue("d", LocalDate.of(2025, 1, 5)).addValue("a", 10.0));
            sql.update(insert, new MapSqlParameterSource("t", 2).addValue("c", "A").addValue("d", LocalDate.of(2025, 3, 1)).addValue("a", 15.5));
            sql.update(insert, new MapSqlParameterSource("t", 3).addValue("c", "B").addValue("d", LocalDate.of(2024, 12, 1)).addValue("a", 7.0));
            String rfm = """
                    SELECT customer_id, MAX(purchased_on) AS last_purchase_date, COUNT(*) AS purchase_count,
                           SUM(amount) AS total_spent, 1 AS avg_session_time
                    FROM demo_transaction WHERE purchased_on >= CAST(:since AS DATE) GROUP BY customer_id ORDER BY customer_id""";

            SegmentationRun run = reader().read(sql.queryForList(rfm, Map.of("since", "2025-01-01")).iterator(), null);

            assertEquals(1, run.rowsRead(), "B bought before the named parameter's date");
            assertEquals(25.5, run.table().value("total_spent", 0));
            assertEquals(2, run.table().value("purchase_count", 0));
            assertEquals(LocalDate.of(2025, 3, 1).toEpochDay(), run.table().value("last_purchase_date", 0));
        }
    }

    @Test
    void theSameRowsGiveTheSameRunIdAndAnEmptyResultIsRejected() {
        List<Map<String, Object>> rows = List.of(Map.of("CUSTOMER_ID", "X", "TOTAL_SPENT", 1.0, "PURCHASE_COUNT", 2,
                "AVG_SESSION_TIME", 3, "LAST_PURCHASE_DATE", java.sql.Date.valueOf("2025-01-01")));
        assertEquals(reader().read(rows.iterator(), null).request().runId(), reader().read(rows.iterator(), null).request().runId());
        InputRejectedException e = assertThrows(InputRejectedException.class, () -> reader().read(List.<Map<String, Object>>of().iterator(), null));
        assertEquals("the query returned no rows", e.getMessage());
        InputRejectedException missing = assertThrows(InputRejectedException.class,
                () -> reader().read(List.of(Map.of("customer_id", "X")).iterator(), null));
        assertTrue(missing.getMessage().startsWith("the query result has no column 'total_spent'"), missing.getMessage());
    }

    /** The fixture is mostly bad rows on purpose; the share limit is not what this test is about. */
    private static io.segmentflow.clean.CleaningSettings relaxed() {
        var c = ApplicationSettings.cleaning();
        return new io.segmentflow.clean.CleaningSettings(c.imputation(), c.nonNegativeColumns(), c.duplicatePolicy(), 1.0);
    }

    private static void insert(NamedParameterJdbcTemplate sql, int row, String id, String spent, String count, String session,
                               String date) {
        sql.update(INSERT, new MapSqlParameterSource("row", row).addValue("id", id).addValue("spent", spent)
                .addValue("count", count).addValue("session", session).addValue("date", date));
    }

    private static Iterator<Map<String, Object>> rows(NamedParameterJdbcTemplate sql, String query) {
        return sql.queryForList(query, Map.of()).iterator();
    }
}
