package io.segmentflow.deliver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmentflow.model.SegmentProfile;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.springframework.jdbc.datasource.DataSourceUtils;

import javax.sql.DataSource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.IntConsumer;

/**
 * Writes a run back to the database: its manifest row and one assignment row per customer, all in
 * one transaction, so a failure part-way leaves none of the run's rows. Idempotent per run id: a run
 * already there (written before, or by another instance at the same moment) is left as it is.
 * Assignments go in as batched INSERTs with named parameters, or on PostgreSQL (if enabled) as one
 * COPY stream, which carries data only, never SQL text.
 */
public final class RunDatabaseWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RunDatabaseWriter.class);
    static final int MAX_CUSTOMER_ID_LENGTH = 255;
    private static final String INSERT_RUN = """
            INSERT INTO segment_run (run_id, source, input_sha256, started_at, written_at, rows_read, rows_loaded,
                rows_quarantined, segments, seed, sse, features, manifest)
            VALUES (:runId, :source, :sha256, :startedAt, :writtenAt, :rowsRead, :rowsLoaded, :rowsQuarantined,
                :segments, :seed, :sse, :features, :manifest)""";
    private static final String INSERT_ASSIGNMENT = """
            INSERT INTO segment_assignment (run_id, customer_id, segment_id, segment_name, distance)
            VALUES (:runId, :customerId, :segmentId, :segmentName, :distance)""";
    private static final String RUN_EXISTS = "SELECT COUNT(*) FROM segment_run WHERE run_id = :runId";

    private static final String COPY_ASSIGNMENTS =
            "COPY segment_assignment (run_id, customer_id, segment_id, segment_name, distance) FROM STDIN WITH (FORMAT csv)";

    private final DataSource dataSource;
    private final boolean copyOnPostgreSql;
    private final IntConsumer afterChunk;
    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate transaction;
    private final int batchSize;
    private final Map<String, String> versions;
    private final Clock clock;
    private final ObjectMapper json = new ObjectMapper();

    /**
     * @param batchSize        assignment rows per batched INSERT (or per COPY chunk)
     * @param copyOnPostgreSql on PostgreSQL, stream the assignments with COPY instead of INSERTs
     */
    public RunDatabaseWriter(DataSource dataSource, int batchSize, boolean copyOnPostgreSql, Map<String, String> versions,
                             Clock clock) {
        this(dataSource, batchSize, copyOnPostgreSql, versions, clock, rows -> { });
    }

    /** @param afterChunk told the rows written so far after each batch or chunk (tests inject failures here) */
    RunDatabaseWriter(DataSource dataSource, int batchSize, boolean copyOnPostgreSql, Map<String, String> versions,
                      Clock clock, IntConsumer afterChunk) {
        if (batchSize < 1) throw new IllegalArgumentException("segmentation.database.batch-size must be at least 1, was " + batchSize);
        this.dataSource = dataSource;
        this.copyOnPostgreSql = copyOnPostgreSql;
        this.afterChunk = afterChunk;
        this.jdbc = new NamedParameterJdbcTemplate(dataSource);
        this.transaction = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.batchSize = batchSize;
        this.versions = Map.copyOf(versions);
        this.clock = clock;
    }

    public SegmentationRun write(SegmentationRun run) {
        long t0 = System.nanoTime();
        String runId = run.request().runId();
        requireStorableIds(run);
        Boolean written;
        try {
            written = transaction.execute(status -> {
                if (exists(runId)) return false;
                jdbc.update(INSERT_RUN, runRow(run));
                insertAssignments(run);
                return true;
            });
        } catch (DuplicateKeyException e) {
            written = false; // another writer committed the same run between our check and our insert
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        if (Boolean.TRUE.equals(written)) {
            LOG.info("Wrote run {} to the database: {} assignments in {} ms", runId, run.features().rows(), ms);
        } else {
            LOG.info("Run {} is already in the database; nothing written", runId);
        }
        return run.withTiming("database", ms);
    }

    /** Checked before the transaction starts, so the message names the customer rather than a column. */
    private static void requireStorableIds(SegmentationRun run) {
        for (int i = 0; i < run.features().rows(); i++) {
            String id = run.features().customerId(i);
            if (id.length() > MAX_CUSTOMER_ID_LENGTH) {
                throw new io.segmentflow.model.InputRejectedException("customer id '" + id.substring(0, 20) + "...' is longer than "
                        + MAX_CUSTOMER_ID_LENGTH + " characters and cannot be written to segment_assignment");
            }
        }
    }

    private boolean exists(String runId) {
        Integer n = jdbc.queryForObject(RUN_EXISTS, Map.of("runId", runId), Integer.class);
        return n != null && n > 0;
    }

    private MapSqlParameterSource runRow(SegmentationRun run) {
        var r = run.request();
        return new MapSqlParameterSource()
                .addValue("runId", r.runId())
                .addValue("source", r.inputName())
                .addValue("sha256", r.sha256())
                .addValue("startedAt", Timestamp.from(r.startedAt()))
                .addValue("writtenAt", Timestamp.from(clock.instant()))
                .addValue("rowsRead", run.rowsRead())
                .addValue("rowsLoaded", run.rowsLoaded())
                .addValue("rowsQuarantined", (long) run.quarantine().size())
                .addValue("segments", run.profiles().size())
                .addValue("seed", run.segmentation().settings().seed())
                .addValue("sse", run.segmentation().sse())
                .addValue("features", String.join(",", run.features().featureNames()))
                .addValue("manifest", manifest(run));
    }

    private String manifest(SegmentationRun run) {
        try {
            return json.writeValueAsString(RunSummary.of(run, run.timingsMs(), versions));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the run manifest as JSON", e);
        }
    }

    private void insertAssignments(SegmentationRun run) {
        Connection connection = DataSourceUtils.getConnection(dataSource); // the transaction's connection
        try {
            if (copyOnPostgreSql && connection.isWrapperFor(PGConnection.class)) {
                copyAssignments(run, connection.unwrap(PGConnection.class).getCopyAPI());
            } else {
                batchAssignments(run);
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("cannot write the assignments of run " + run.request().runId() + ": " + e.getMessage(), e);
        } finally {
            DataSourceUtils.releaseConnection(connection, dataSource);
        }
    }

    /** One COPY stream in chunks of batchSize rows, inside the caller's transaction. */
    private void copyAssignments(SegmentationRun run, CopyManager copy) throws SQLException, IOException {
        String runId = csv(run.request().runId());
        List<String> names = run.profiles().stream().map(p -> csv(p.name())).toList();
        var features = run.features();
        var segmentation = run.segmentation();
        int n = features.rows();
        CopyIn in = copy.copyIn(COPY_ASSIGNMENTS);
        try {
            StringBuilder chunk = new StringBuilder(batchSize * 64);
            for (int i = 0; i < n; i++) {
                int s = segmentation.segmentOf(i);
                chunk.append(runId).append(',').append(csv(features.customerId(i))).append(',').append(run.profiles().get(s).id())
                        .append(',').append(names.get(s)).append(',').append(segmentation.distance(i)).append('\n');
                if ((i + 1) % batchSize == 0 || i == n - 1) {
                    byte[] bytes = chunk.toString().getBytes(StandardCharsets.UTF_8);
                    in.writeToCopy(bytes, 0, bytes.length);
                    chunk.setLength(0);
                    afterChunk.accept(i + 1);
                }
            }
            in.endCopy();
        } finally {
            if (in.isActive()) in.cancelCopy();
        }
    }

    /** A CSV field for COPY, always quoted (ids and names may hold commas and quotes). */
    private static String csv(String value) {
        return '"' + value.replace("\"", "\"\"") + '"';
    }

    /** Batched: one round trip per batchSize rows, all inside the caller's transaction. */
    private void batchAssignments(SegmentationRun run) {
        String runId = run.request().runId();
        List<SegmentProfile> profiles = run.profiles();
        var features = run.features();
        var segmentation = run.segmentation();
        int n = features.rows();
        for (int from = 0; from < n; from += batchSize) {
            int size = Math.min(batchSize, n - from);
            SqlParameterSource[] batch = new SqlParameterSource[size];
            for (int j = 0; j < size; j++) {
                int i = from + j;
                SegmentProfile p = profiles.get(segmentation.segmentOf(i));
                batch[j] = new MapSqlParameterSource()
                        .addValue("runId", runId)
                        .addValue("customerId", features.customerId(i))
                        .addValue("segmentId", p.id())
                        .addValue("segmentName", p.name())
                        .addValue("distance", segmentation.distance(i));
            }
            jdbc.batchUpdate(INSERT_ASSIGNMENT, batch);
            afterChunk.accept(from + size);
        }
    }
}
