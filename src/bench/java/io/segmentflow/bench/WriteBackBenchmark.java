package io.segmentflow.bench;

import io.segmentflow.database.Database;
import io.segmentflow.database.DatabaseSettings;
import io.segmentflow.demo.DemoCustomerGenerator;
import io.segmentflow.deliver.RunDatabaseWriter;
import io.segmentflow.model.SegmentationRun;
import io.segmentflow.support.Pipeline;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.apache.commons.dbcp2.BasicDataSource;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.StringWriter;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: writes the assignments of 1,000,000 customers to a real PostgreSQL server (embedded,
 * started here) through the production write-back (one transaction; COPY, then batched INSERTs) and
 * prints the times. Run with {@code mvn -B -q -Pbench -DskipTests verify} (the customers argument is optional).
 */
public final class WriteBackBenchmark {
    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        System.out.printf(Locale.ROOT, "Segmenting %,d generated customers (seed 42) for the write-back benchmark...%n", customers);
        StringWriter csv = new StringWriter();
        new DemoCustomerGenerator(42).write(csv, customers, 4);
        SegmentationRun run = Pipeline.withApplicationSettings().profiled(csv.toString(), "bench.csv", null);
        csv = null;
        System.out.printf(Locale.ROOT, "Run %s: %,d assignments to write.%n", run.request().runId(), run.rowsLoaded());

        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String[][] variants = {{"COPY", "true", ""}, {"batched INSERTs (reWriteBatchedInserts=true)", "false", "&reWriteBatchedInserts=true"}};
            for (int v = 0; v < variants.length; v++) {
                String db = "bench_" + v;
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                    s.execute("CREATE DATABASE " + db);
                }
                String url = pg.getJdbcUrl("postgres", db) + variants[v][2];
                try (BasicDataSource pool = Database.pool(new DatabaseSettings(url, "postgres", "", 4, true))) {
                    Database.migrate(pool);
                    RunDatabaseWriter writer = new RunDatabaseWriter(pool, 1000, Boolean.parseBoolean(variants[v][1]),
                            Map.of("segmentflow", "bench"), Pipeline.CLOCK);
                    long t0 = System.nanoTime();
                    writer.write(run);
                    double seconds = (System.nanoTime() - t0) / 1e9;
                    long rows = new JdbcTemplate(pool).queryForObject("SELECT COUNT(*) FROM segment_assignment", Long.class);
                    System.out.printf(Locale.ROOT, "PostgreSQL, %s: %,d assignments in one transaction in %.1f s (%,.0f rows/s)%n",
                            variants[v][0], rows, seconds, rows / seconds);
                }
            }
        }
    }
}
