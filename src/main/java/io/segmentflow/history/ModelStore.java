package io.segmentflow.history;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.segmentflow.cluster.SavedClusterer;
import io.segmentflow.deliver.CsvLineBuilder;
import io.segmentflow.model.CustomerIds;
import io.segmentflow.model.Folders;
import io.segmentflow.model.SavedModel;
import io.segmentflow.model.SegmentationRun;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Saved models, one folder per run under the model root: {@code model.json} (format version,
 * feature specification, scaler, segments, manifest), {@code clusterer.model} (Weka's own format)
 * and {@code members.csv} (each customer's segment, for the next run's migration). The file
 * {@code current} names the newest model; with a database, table {@code segment_model} marks it too.
 * A folder is written under a hidden name and renamed into place, so a half-saved model is never read.
 */
public final class ModelStore {
    private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);
    static final String MODEL_JSON = "model.json", CLUSTERER = "clusterer.model", MEMBERS = "members.csv", CURRENT = "current";
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule("dates").addSerializer(LocalDate.class, ToStringSerializer.instance)
                    .addDeserializer(LocalDate.class, new StdDeserializer<>(LocalDate.class) {
                        @Override
                        public LocalDate deserialize(JsonParser p, DeserializationContext c) throws IOException {
                            return LocalDate.parse(p.getValueAsString());
                        }
                    }));

    private final Path root;
    private final DataSource dataSource;
    private final String recencyFrom;
    private final Map<String, String> versions;
    private final Clock clock;
    private volatile LoadedModel cached;

    /**
     * @param dataSource  where the current model is marked too; null for none
     * @param recencyFrom the date column recency_days is measured from
     * @param versions    program versions, recorded in every model's manifest
     */
    public ModelStore(Path root, DataSource dataSource, String recencyFrom, Map<String, String> versions, Clock clock) {
        this.root = root;
        this.dataSource = dataSource;
        this.recencyFrom = recencyFrom;
        this.versions = Map.copyOf(versions);
        this.clock = clock;
    }

    public Path root() {
        return root;
    }

    /** Saves the run's model (with its lasting segment ids) and makes it the current one. */
    public SegmentationRun save(SegmentationRun run) {
        long t0 = System.nanoTime();
        SavedModel model = SavedModels.of(run, nextSegmentId(run), recencyFrom, versions);
        String runId = run.request().runId();
        Path target = root.resolve(runId);
        Path temp = root.resolve("." + runId + ".partial");
        try {
            Files.createDirectories(temp);
            try (Writer w = Files.newBufferedWriter(temp.resolve(MODEL_JSON), StandardCharsets.UTF_8)) {
                JSON.writeValue(w, model);
            }
            SavedClusterer.write(temp.resolve(CLUSTERER), model.features(), model.centroids());
            writeMembers(run, temp.resolve(MEMBERS));
            Folders.deleteQuietly(target); // the same run saved again (a retry) replaces itself
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            Folders.deleteQuietly(temp);
            throw new UncheckedIOException("cannot save the model to " + target + ": " + e.getMessage(), e);
        }
        markCurrent(runId, target, model);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Saved the model of run {} to {} and made it current ({} ms)", runId, target, ms);
        return run.withTiming("model", ms);
    }

    /** The current model, or empty when no run has saved one yet; re-read when another run replaced it. */
    public Optional<LoadedModel> current() {
        Path pointer = root.resolve(CURRENT);
        if (!Files.isRegularFile(pointer)) return Optional.empty();
        String runId;
        try {
            runId = Files.readString(pointer, StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + pointer + ": " + e.getMessage(), e);
        }
        LoadedModel model = cached;
        if (model == null || !model.model().runId().equals(runId)) {
            model = load(runId);
            cached = model;
        }
        return Optional.of(model);
    }

    /** One saved model, by run id; refuses a format newer than this version understands. */
    public LoadedModel load(String runId) {
        if (!runId.matches("[A-Za-z0-9._-]+")) throw new IllegalStateException("invalid model id '" + runId + "'");
        Path dir = root.resolve(runId);
        try (Reader r = Files.newBufferedReader(dir.resolve(MODEL_JSON), StandardCharsets.UTF_8)) {
            SavedModel model = JSON.readValue(r, SavedModel.class);
            if (model.formatVersion() > SavedModel.FORMAT_VERSION) {
                throw new IllegalStateException("model " + runId + " has format version " + model.formatVersion()
                        + "; this Segmentflow reads up to " + SavedModel.FORMAT_VERSION);
            }
            SavedClusterer clusterer = SavedClusterer.read(dir.resolve(CLUSTERER));
            if (!Arrays.deepEquals(clusterer.centroids(), model.centroids())) {
                throw new IllegalStateException("model " + runId + ": " + CLUSTERER + " and " + MODEL_JSON + " disagree");
            }
            return new LoadedModel(model, clusterer, dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the model " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * For each of the given customers, their segment id in a saved model's run (0 = not in it).
     * members.csv is matched line by line against an index of the given ids, without a map of the
     * model's million customers; a file with quoted ids (a comma, a quote or a line break in one) is
     * read by commons-csv instead.
     */
    public static int[] segmentIdsOf(LoadedModel model, CustomerIds customerIds) {
        return segmentIdsOf(model.dir().resolve(MEMBERS), customerIds);
    }

    static int[] segmentIdsOf(Path file, CustomerIds customerIds) {
        IdIndex index = new IdIndex(customerIds);
        int[] segmentIds = new int[customerIds.size()];
        try {
            if (!readPlainMembers(file, index, segmentIds)) {
                Arrays.fill(segmentIds, 0);
                try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                    for (CSVRecord record : CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
                        String id = record.get(0);
                        int row = index.rowOf(id, 0, id.length());
                        if (row >= 0) segmentIds[row] = Integer.parseInt(record.get(1));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return segmentIds;
    }

    /** False at the first quoted field: then the file needs a real CSV parser. */
    private static boolean readPlainMembers(Path file, IdIndex index, int[] segmentIds) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            r.readLine(); // header
            for (String line = r.readLine(); line != null; line = r.readLine()) {
                if (line.indexOf('"') >= 0) return false;
                int comma = line.lastIndexOf(',');
                int row = index.rowOf(line, 0, comma);
                if (row >= 0) segmentIds[row] = Integer.parseInt(line, comma + 1, line.length(), 10);
            }
        }
        return true;
    }

    /** Row by customer id: open addressing over the ids, looked up by a region of a line without cutting it out. */
    private static final class IdIndex {
        private final CustomerIds ids;
        private final int[] hashes;
        private final int[] slots; // row + 1; 0 = empty
        private final int mask;

        IdIndex(CustomerIds ids) {
            this.ids = ids;
            this.hashes = new int[ids.size()];
            int capacity = Integer.highestOneBit(Math.max(16, ids.size() * 2 - 1)) << 1; // load at most one half
            this.slots = new int[capacity];
            this.mask = capacity - 1;
            for (int row = 0; row < hashes.length; row++) {
                hashes[row] = ids.hash(row);
                int i = slot(hashes[row]);
                while (slots[i] != 0) i = (i + 1) & mask;
                slots[i] = row + 1;
            }
        }

        /** The row whose id is text[from, to), or -1. */
        int rowOf(String text, int from, int to) {
            int h = 0;
            for (int c = from; c < to; c++) h = 31 * h + text.charAt(c); // String.hashCode of the region
            for (int i = slot(h); slots[i] != 0; i = (i + 1) & mask) {
                int row = slots[i] - 1;
                if (hashes[row] == h && ids.matches(row, text, from, to)) return row;
            }
            return -1;
        }

        private int slot(int h) {
            return (h ^ (h >>> 16)) * 0x9E3779B9 & mask;
        }
    }

    private int nextSegmentId(SegmentationRun run) {
        int next = run.profiles().stream().mapToInt(p -> p.id()).max().orElse(0) + 1;
        if (run.evolution() != null) {
            next = Math.max(next, run.evolution().segments().stream().mapToInt(s -> s.id()).max().orElse(0) + 1);
        }
        return Math.max(next, current().map(m -> m.model().nextSegmentId()).orElse(1));
    }

    /** A million rows on every default run: built as bytes, as the run's own CSV files are (CsvLineBuilder). */
    private static void writeMembers(SegmentationRun run, Path file) throws IOException {
        String[] ids = run.profiles().stream().map(p -> Integer.toString(p.id())).toArray(String[]::new);
        CsvLineBuilder line = new CsvLineBuilder(CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get(), 1 << 16);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            line.cell("customer_id");
            line.cell("segment_id");
            line.endRecord();
            var s = run.segmentation();
            CustomerIds customers = run.features().customerIds();
            for (int i = 0; i < customers.size(); i++) {
                // as read: members.csv is read back, not opened in a spreadsheet
                line.cell(customers.utf8(), customers.start(i), customers.start(i + 1));
                line.plainCell(ids[s.segmentOf(i)]);
                line.endRecord();
                if (line.length() > 1 << 16) {
                    line.writeTo(out);
                    line.clear();
                }
            }
            line.writeTo(out);
        }
    }

    private void markCurrent(String runId, Path dir, SavedModel model) {
        if (dataSource != null) {
            var jdbc = new NamedParameterJdbcTemplate(dataSource);
            new TransactionTemplate(new DataSourceTransactionManager(dataSource)).executeWithoutResult(tx -> {
                jdbc.update("UPDATE segment_model SET is_current = FALSE WHERE is_current = TRUE", Map.of());
                jdbc.update("DELETE FROM segment_model WHERE run_id = :runId", Map.of("runId", runId));
                jdbc.update("""
                        INSERT INTO segment_model (run_id, model_dir, format_version, segments, created_at, is_current)
                        VALUES (:runId, :dir, :version, :segments, :createdAt, TRUE)""", new MapSqlParameterSource()
                        .addValue("runId", runId).addValue("dir", dir.toAbsolutePath().toString())
                        .addValue("version", model.formatVersion()).addValue("segments", model.k())
                        .addValue("createdAt", Timestamp.from(clock.instant())));
            });
        }
        Path pointer = root.resolve(CURRENT);
        Path temp = root.resolve("." + CURRENT + "." + runId);
        try {
            Files.writeString(temp, runId + "\n", StandardCharsets.UTF_8);
            Files.move(temp, pointer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot mark model " + runId + " as current: " + e.getMessage(), e);
        }
    }
}
