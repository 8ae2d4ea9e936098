package io.segmentflow;

import io.segmentflow.database.DatabaseSettings;
import io.segmentflow.support.TestDatabase;
import org.apache.commons.dbcp2.BasicDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clustered Quartz: two Segmentflow services (two JVMs, two Camel contexts) on one real PostgreSQL,
 * a cron firing every second. Each firing must be executed exactly once, by one of them. Two JVMs,
 * because Quartz keeps one scheduler per name per JVM, and a cluster's members must share the name.
 */
class ClusteredScheduleTest {
    private static final int FIRINGS = 12;
    private final List<Process> nodes = new ArrayList<>();

    @TempDir
    Path tmp;

    @AfterEach
    void stopNodes() {
        nodes.forEach(Process::destroy);
        nodes.forEach(p -> p.onExit().join());
    }

    @Test
    void twoInstancesOnOneDatabaseExecuteEachFiringExactlyOnce() throws Exception {
        DatabaseSettings s = TestDatabase.POSTGRESQL.fresh();
        try (BasicDataSource pool = DatabaseFlowTest.migratedPoolWithPurchases(s, 90)) {
            JdbcTemplate sql = new JdbcTemplate(pool);

            nodes.add(start("a", s));
            // The first node stores the job and trigger; the second joins the existing cluster.
            await().atMost(Duration.ofSeconds(60)).until(() -> firings(sql) >= 1 || !nodes.get(0).isAlive());
            assertTrue(nodes.get(0).isAlive(), () -> "node a died: " + log("a"));
            nodes.add(start("b", s));
            await().atMost(Duration.ofSeconds(120)).until(() -> firings(sql) >= FIRINGS + 1 || nodes.stream().anyMatch(p -> !p.isAlive()));
            assertTrue(nodes.stream().allMatch(Process::isAlive), () -> "a node died: " + log("a") + log("b"));

            List<Map<String, Object>> duplicates = sql.queryForList(
                    "SELECT scheduled_at, COUNT(*) AS n FROM segment_schedule_firing GROUP BY scheduled_at HAVING COUNT(*) > 1");
            assertEquals(List.of(), duplicates, "no firing executed twice");
            List<Timestamp> times = sql.queryForList("SELECT scheduled_at FROM segment_schedule_firing ORDER BY scheduled_at", Timestamp.class);
            long span = (times.get(times.size() - 1).getTime() - times.get(0).getTime()) / 1000;
            assertEquals(span + 1, times.size(), "every second between the first and the last firing was executed once: " + times);
            List<String> instances = sql.queryForList("SELECT DISTINCT instance FROM segment_schedule_firing", String.class);
            assertTrue(!instances.isEmpty() && instances.size() <= 2, instances.toString());
        }
    }

    private static long firings(JdbcTemplate sql) {
        return sql.queryForObject("SELECT COUNT(*) FROM segment_schedule_firing", Long.class);
    }

    private Process start(String name, DatabaseSettings s) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx512m", "-Djava.awt.headless=true",
                "-DWEKA_HOME=" + tmp.resolve("weka"), "-cp", System.getProperty("java.class.path"), Segmentflow.class.getName()));
        String[][] settings = {
                {"segmentation.inbox.enabled", "false"},
                {"segmentation.database.url", s.url()},
                {"segmentation.database.user", s.user()},
                {"segmentation.database.password", s.password()},
                {"segmentation.database.schedule.enabled", "true"},
                {"segmentation.database.schedule.clustered", "true"},
                {"segmentation.database.schedule.cluster-checkin-ms", "1000"},
                {"segmentation.database.schedule.cron", "0/1 * * * * ?"},
                {"segmentation.database.query", "file:config/queries/rfm.sql"},
                {"segmentation.input.numeric-columns", "total_spent,purchase_count"},
                {"segmentation.clean.non-negative", "total_spent,purchase_count"},
                {"segmentation.features.columns", "total_spent,purchase_count,recency_days"},
                {"segmentation.cluster.k", "3"},
                {"segmentation.cluster.restarts", "1"},
                {"segmentation.cluster.execution-slots", "1"},
                {"segmentation.output.dir", tmp.resolve("out-" + name).toString()}};
        for (String[] kv : settings) {
            command.add("--set");
            command.add(kv[0] + "=" + kv[1]);
        }
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile()).start();
    }

    private String log(String name) {
        try {
            return "\n--- " + name + ".log ---\n" + Files.readString(tmp.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
