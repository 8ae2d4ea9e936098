package io.segmentflow;

import io.segmentflow.database.DatabaseSettings;
import io.segmentflow.demo.DemoCustomerGenerator;
import io.segmentflow.demo.DemoDatabaseLoader;
import io.segmentflow.support.TestDatabase;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** segment --source database end to end, on H2 and on a real PostgreSQL: query, segment, files, write-back. */
class DatabaseFlowTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void segmentsTheCustomersOfTheDefaultQueryAndWritesTheRunBack(TestDatabase db) throws IOException, SQLException {
        DatabaseSettings settings = db.fresh();
        try (BasicDataSource pool = migrated(settings)) {
            Path csv = tmp.resolve("customers.csv");
            try (Writer w = Files.newBufferedWriter(csv)) {
                new DemoCustomerGenerator(7).write(w, 2000, 4);
            }
            assertEquals(2000, new DemoDatabaseLoader(pool).load(csv));
            Path out = tmp.resolve("run");

            CommandLine result = segment(settings, "--out", out.toString());

            assertEquals(0, result.exitCode(), result.stderr());
            assertTrue(result.stdout().startsWith("Segmented database:customers: 2,000 rows read"), result.stdout());
            assertTrue(Files.exists(out.resolve("summary.json")));
            JdbcTemplate sql = new JdbcTemplate(pool);
            long loaded = sql.queryForObject("SELECT rows_loaded FROM segment_run", Long.class);
            long quarantined = sql.queryForObject("SELECT rows_quarantined FROM segment_run", Long.class);
            assertEquals(2000, loaded + quarantined, "rows read = rows loaded + rows quarantined");
            assertTrue(quarantined > 0, "the generator's broken rows are quarantined from the table too");
            assertEquals(loaded, sql.queryForObject("SELECT COUNT(*) FROM segment_assignment", Long.class));
            assertEquals(loaded, sql.queryForObject("SELECT COUNT(*) FROM customer_current_segment", Long.class));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void theRfmProfileAggregatesPurchasesInSql(TestDatabase db) throws SQLException {
        DatabaseSettings settings = db.fresh();
        try (BasicDataSource pool = migrated(settings)) {
            insertPurchases(pool, 300);

            CommandLine result = segment(settings, "--profile", "rfm", "--set", "segmentation.database.parameter.since=2024-01-01",
                    "--set", "segmentation.cluster.k=3");

            assertEquals(0, result.exitCode(), result.stderr());
            JdbcTemplate sql = new JdbcTemplate(pool);
            assertEquals("total_spent,purchase_count,recency_days", sql.queryForObject("SELECT features FROM segment_run", String.class));
            assertEquals("database:rfm", sql.queryForObject("SELECT source FROM segment_run", String.class));
            assertEquals(300L, sql.queryForObject("SELECT COUNT(*) FROM segment_assignment", Long.class));
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void anEmptyQueryResultIsARejectedInput(TestDatabase db) throws SQLException {
        DatabaseSettings settings = db.fresh();
        try (BasicDataSource pool = migrated(settings)) {
            CommandLine result = segment(settings);

            assertEquals(3, result.exitCode(), result.stderr());
            assertTrue(result.stderr().contains("the database query rejected: the query returned no rows"), result.stderr());
        }
    }

    @Test
    void thePostgreSqlOverlayTakesItsPasswordFromTheEnvironment() throws SQLException {
        DatabaseSettings settings = TestDatabase.POSTGRESQL.fresh();
        try (BasicDataSource pool = migrated(settings)) {
            insertPurchases(pool, 150);
            List<String> args = new ArrayList<>(List.of("segment", "--source", "database", "--profile", "rfm",
                    "--config", "config/postgresql.properties",
                    "--set", "segmentation.database.url=" + settings.url() + "&reWriteBatchedInserts=true",
                    "--set", "segmentation.database.user=" + settings.user(),
                    "--set", "segmentation.output.dir=" + tmp.resolve("out"), "--set", "segmentation.cluster.k=3"));
            assumeTrue(System.getenv("SEGMENTFLOW_DB_PASSWORD") == null, "the variable must be unset for this check");

            CommandLine withoutPassword = CommandLine.run(args.toArray(String[]::new));

            assertEquals(2, withoutPassword.exitCode(), withoutPassword.stderr());
            assertTrue(withoutPassword.stderr().contains("SEGMENTFLOW_DB_PASSWORD"), withoutPassword.stderr());

            args.addAll(List.of("--set", "segmentation.database.password=any")); // the test server trusts local connections
            CommandLine withPassword = CommandLine.run(args.toArray(String[]::new));

            assertEquals(0, withPassword.exitCode(), withPassword.stderr());
            assertEquals(150L, new JdbcTemplate(pool).queryForObject("SELECT COUNT(*) FROM segment_assignment", Long.class));
        }
    }

    @Test
    void aFileRunIsWrittenBackUnlessWriteBackIsOff() throws IOException, SQLException {
        DatabaseSettings settings = TestDatabase.H2.fresh();
        try (BasicDataSource pool = migrated(settings)) {
            Path csv = tmp.resolve("c.csv");
            try (Writer w = Files.newBufferedWriter(csv)) {
                new DemoCustomerGenerator(3).write(w, 500, 3);
            }
            List<String> common = List.of("--set", "segmentation.database.url=" + settings.url(),
                    "--set", "segmentation.output.dir=" + tmp.resolve("out"), "--set", "segmentation.cluster.restarts=1");
            List<String> off = new ArrayList<>(List.of("segment", csv.toString(), "--set", "segmentation.database.write-back=false"));
            off.addAll(common);
            assertEquals(0, CommandLine.run(off.toArray(String[]::new)).exitCode());
            JdbcTemplate sql = new JdbcTemplate(pool);
            assertEquals(0L, sql.queryForObject("SELECT COUNT(*) FROM segment_run", Long.class));

            List<String> on = new ArrayList<>(List.of("segment", csv.toString()));
            on.addAll(common);
            assertEquals(0, CommandLine.run(on.toArray(String[]::new)).exitCode());
            assertEquals("c.csv", sql.queryForObject("SELECT source FROM segment_run", String.class));
            assertTrue(sql.queryForObject("SELECT COUNT(*) FROM segment_assignment", Long.class) > 480);
        }
    }

    /** Seeded purchases of n customers in three kinds: frequent big spenders, occasional, lapsed. */
    /** A migrated pool on a fresh database, holding purchases of the given number of customers. */
    static BasicDataSource migratedPoolWithPurchases(DatabaseSettings settings, int customers) {
        BasicDataSource pool = io.segmentflow.database.Database.pool(settings);
        io.segmentflow.database.Database.migrate(pool);
        insertPurchases(pool, customers);
        return pool;
    }

    static void insertPurchases(BasicDataSource pool, int customers) {
        Random random = new Random(11);
        List<MapSqlParameterSource> rows = new ArrayList<>();
        long t = 0;
        for (int c = 0; c < customers; c++) {
            int kind = c % 3;
            int purchases = kind == 0 ? 20 + random.nextInt(10) : kind == 1 ? 3 + random.nextInt(3) : 1 + random.nextInt(2);
            for (int p = 0; p < purchases; p++) {
                int daysAgo = kind == 2 ? 300 + random.nextInt(200) : random.nextInt(60);
                rows.add(new MapSqlParameterSource("t", ++t).addValue("c", String.format("R%05d", c))
                        .addValue("d", LocalDate.of(2025, 6, 30).minusDays(daysAgo))
                        .addValue("a", Math.round((kind == 0 ? 80 : 30) * (0.5 + random.nextDouble()) * 100) / 100.0));
            }
        }
        new NamedParameterJdbcTemplate(pool).batchUpdate(
                "INSERT INTO demo_transaction (transaction_id, customer_id, purchased_on, amount) VALUES (:t, :c, :d, :a)",
                rows.toArray(MapSqlParameterSource[]::new));
    }

    private static BasicDataSource migrated(DatabaseSettings settings) {
        BasicDataSource pool = io.segmentflow.database.Database.pool(settings);
        io.segmentflow.database.Database.migrate(pool);
        return pool;
    }

    private CommandLine segment(DatabaseSettings s, String... more) {
        List<String> args = new ArrayList<>(List.of("segment", "--source", "database",
                "--set", "segmentation.database.url=" + s.url(), "--set", "segmentation.database.user=" + s.user(),
                "--set", "segmentation.database.password=" + s.password(),
                "--set", "segmentation.output.dir=" + tmp.resolve("out"), "--set", "segmentation.cluster.restarts=2"));
        args.addAll(List.of(more));
        return CommandLine.run(args.toArray(String[]::new));
    }
}
