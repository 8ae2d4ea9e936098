package io.segmentflow.deliver;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.segmentflow.model.CustomerIds;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.Folders;
import io.segmentflow.model.RejectedRow;
import io.segmentflow.model.SegmentProfile;
import io.segmentflow.model.SegmentationRun;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/** Writes a run's files into a temporary folder, then renames it into place in one step. */
public final class RunFilesWriter {
    private static final Logger LOG = LoggerFactory.getLogger(RunFilesWriter.class);
    private static final CSVFormat CSV = CSVFormat.DEFAULT.builder().setRecordSeparator("\n").get();

    /** Made on first use, not with this class: building it and its summary serializer loads ~500 classes. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    /**
     * Builds the JSON mapper and its summary.json serializer ahead of the first run, on whatever
     * thread calls it: a one-shot command does so beside Camel's start-up, which leaves a core idle.
     */
    public static void prepare() {
        try {
            Json.MAPPER.canSerialize(RunSummary.class);
        } catch (RuntimeException e) {
            LOG.debug("Could not prepare the summary's serializer ahead of the run", e); // the run itself reports any real error
        }
    }

    private final OutputSettings settings;

    public RunFilesWriter(OutputSettings settings) {
        this.settings = settings;
    }

    /** Writes the CSV files into a hidden folder beside the target; {@link #publish} makes them visible. */
    public SegmentationRun stage(SegmentationRun run) {
        long t0 = System.nanoTime();
        Path target = target(run);
        Path temp = target.resolveSibling("." + target.getFileName() + ".partial-" + run.request().runId());
        try {
            Files.createDirectories(temp.resolve("segments"));
            writeAssignments(run, temp);
            if (run.quarantine().size() > 0) {
                writeRejects(run, temp);
            }
            var transactions = run.request().facts().transactions();
            if (transactions != null && !transactions.rejected().isEmpty()) {
                writeRejects(transactions.rejected(), temp.resolve("rejected-transactions.csv"));
            }
        } catch (IOException e) {
            Folders.deleteQuietly(temp);
            throw new UncheckedIOException("cannot write the results to " + temp + ": " + e.getMessage(), e);
        }
        return run.staged(temp, (System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Writes summary.json last (it names every stage's time, the report's included) and renames
     * the staged folder into place in one step.
     */
    public SegmentationRun publish(SegmentationRun run) {
        long t0 = System.nanoTime();
        Path temp = run.stagingDir();
        Path target = target(run);
        try {
            try (Writer w = Files.newBufferedWriter(temp.resolve("summary.json"), StandardCharsets.UTF_8)) {
                Json.MAPPER.writeValue(w, RunSummary.of(run, run.timingsMs(), settings.versions()));
            }
            moveIntoPlace(temp, target);
        } catch (IOException e) {
            Folders.deleteQuietly(temp);
            throw new UncheckedIOException("cannot write the results to " + target + ": " + e.getMessage(), e);
        }
        SegmentationRun delivered = run.delivered(target, (System.nanoTime() - t0) / 1_000_000);
        LOG.info("Wrote run {} to {}", run.request().runId(), target);
        return delivered;
    }

    /**
     * After a failure between staging and publishing (the report, the database write-back): removes
     * the staged folder, then fails with the original error, so the input is still rejected for the
     * real reason and no hidden half-run is left beside the results.
     */
    public void discard(SegmentationRun run, Exception cause) throws Exception {
        if (run != null && run.stagingDir() != null) {
            Folders.deleteQuietly(run.stagingDir());
            LOG.warn("Discarded the unpublished run {}: {}", run.request().runId(), cause.getMessage());
        }
        throw cause;
    }

    private Path target(SegmentationRun run) {
        return run.request().outputDir() != null ? run.request().outputDir() : settings.root().resolve(run.request().runId());
    }

    /** Rows per block; blocks are formatted side by side and written in order. */
    private static final int BLOCK = 32_768;

    /**
     * assignments.csv and segments/*.csv in one pass over the customers. Each block of rows is
     * formatted once into bytes (for assignments.csv and for its rows' segment files) on the
     * available cores, then the blocks are written in row order, so the files are the same
     * whatever the number of threads.
     */
    private void writeAssignments(SegmentationRun run, Path dir) throws IOException {
        FeatureMatrix features = run.features();
        List<String> dateColumns = run.table().dateNames();
        List<String> header = new ArrayList<>(List.of("customer_id", "segment_id", "segment_name", "distance"));
        header.addAll(features.featureNames());
        header.addAll(dateColumns);
        List<SegmentProfile> profiles = run.profiles();
        List<double[]> dates = dateColumns.stream().map(run.table()::dateColumn).toList();
        var s = run.segmentation();
        int k = profiles.size();
        byte[][] segmentCells = profiles.stream()
                .map(p -> CsvLineBuilder.encode(CSV, Integer.toString(p.id()), CsvCells.text(p.name()))).toArray(byte[][]::new);
        DayTexts days = new DayTexts(dates.isEmpty() || features.rows() == 0 ? 0 : (long) dates.get(0)[0]);

        List<OutputStream> outputs = new ArrayList<>();
        try {
            OutputStream all = Files.newOutputStream(dir.resolve("assignments.csv"));
            outputs.add(all);
            for (SegmentProfile p : profiles) {
                outputs.add(Files.newOutputStream(dir.resolve("segments").resolve(p.fileStem() + ".csv")));
            }
            CsvLineBuilder headerLine = new CsvLineBuilder(CSV, 256);
            header.forEach(headerLine::cell);
            headerLine.endRecord();
            for (OutputStream out : outputs) headerLine.writeTo(out);

            int n = features.rows();
            int blocks = (n + BLOCK - 1) / BLOCK;
            int wave = 2 * Runtime.getRuntime().availableProcessors(); // bounds the formatted bytes held at once
            // One set of buffers per block of a wave, reused by every wave once it is written: at 1M the
            // fresh buffers were 200 MB of garbage and two young collections.
            CsvLineBuilder[][] buffers = new CsvLineBuilder[Math.min(wave, blocks)][];
            for (int first = 0; first < blocks; first += wave) {
                int wavesFirst = first;
                List<CsvLineBuilder[]> formatted = IntStream.range(first, Math.min(blocks, first + wave)).parallel()
                        .mapToObj(block -> {
                            int from = block * BLOCK, to = Math.min(n, from + BLOCK);
                            // [0] = assignments.csv, [1 + c] = segment c
                            CsvLineBuilder[] byFile = buffers[block - wavesFirst];
                            if (byFile == null) {
                                byFile = buffers[block - wavesFirst] = new CsvLineBuilder[k + 1];
                                byFile[0] = new CsvLineBuilder(CSV, (to - from) * 100);
                                for (int c = 0; c < k; c++) byFile[c + 1] = new CsvLineBuilder(CSV, (to - from) * 100 / k);
                            }
                            for (CsvLineBuilder file : byFile) file.clear();
                            RowFormatter rows = new RowFormatter(features, s, dates, days, segmentCells);
                            for (int i = from; i < to; i++) {
                                CsvLineBuilder line = rows.format(i);
                                byFile[0].append(line.bytes(), 0, line.length());
                                byFile[s.segmentOf(i) + 1].append(line.bytes(), 0, line.length());
                            }
                            return byFile;
                        }).toList();
                writeInOrder(formatted, outputs);
            }
        } finally {
            for (OutputStream out : outputs) out.close();
        }
    }

    /**
     * Each file's share of the formatted blocks, in block order; the files side by side (each file is
     * written by one thread, so its bytes stay in order). assignments.csv holds half of the bytes.
     */
    private static void writeInOrder(List<CsvLineBuilder[]> formatted, List<OutputStream> outputs) throws IOException {
        try {
            IntStream.range(0, outputs.size()).parallel().forEach(f -> {
                try {
                    for (CsvLineBuilder[] byFile : formatted) byFile[f].writeTo(outputs.get(f));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /**
     * One assignments row as CSV bytes. A method of its own, called once per row, so the JIT
     * compiles it once; inlined into the block loop it was recompiled on the fly (OSR) at a cost
     * of seconds of compiler time on 2 cores.
     */
    private static final class RowFormatter {
        private final FeatureMatrix features;
        private final CustomerIds ids;
        private final io.segmentflow.model.Segmentation segmentation;
        private final List<double[]> dates;
        private final byte[][] segmentCells;
        private final CsvLineBuilder line = new CsvLineBuilder(CSV, 256);
        private final DayTexts days;

        RowFormatter(FeatureMatrix features, io.segmentflow.model.Segmentation segmentation, List<double[]> dates,
                     DayTexts days, byte[][] segmentCells) {
            this.days = days;
            this.features = features;
            this.ids = features.customerIds();
            this.segmentation = segmentation;
            this.dates = dates;
            this.segmentCells = segmentCells;
        }

        CsvLineBuilder format(int i) {
            int segment = segmentation.segmentOf(i);
            line.clear();
            line.textCell(ids.utf8(), ids.start(i), ids.start(i + 1));
            line.encodedCells(segmentCells[segment]); // segment_id, segment_name
            line.plainCell(CsvCells.decimal(segmentation.distance(i)));
            for (int j = 0; j < features.cols(); j++) line.numberCell(features.value(i, j));
            for (double[] date : dates) line.plainCell(days.text((long) date[i]));
            line.endRecord();
            return line;
        }
    }

    /**
     * ISO dates by epoch day, each formatted once: a million customers share a few thousand days.
     * Shared by the blocks formatted side by side; a day raced by two threads is formatted twice,
     * to the same immutable String, which is harmless.
     */
    private static final class DayTexts {
        private static final int SPAN = 1 << 16; // about 180 years around the first day seen
        private final String[] texts = new String[SPAN];
        private final long first;

        DayTexts(long anyDay) {
            this.first = anyDay - SPAN / 2;
        }

        String text(long epochDay) {
            long slot = epochDay - first;
            if (slot < 0 || slot >= SPAN) return LocalDate.ofEpochDay(epochDay).toString();
            String text = texts[(int) slot];
            if (text == null) texts[(int) slot] = text = LocalDate.ofEpochDay(epochDay).toString();
            return text;
        }
    }

    private void writeRejects(SegmentationRun run, Path dir) throws IOException {
        writeRejects(run.quarantine().rows(), dir.resolve("rejects.csv"));
    }

    /** rejects.csv, or rejected-transactions.csv for the transaction rows a transaction source could not use. */
    private void writeRejects(List<RejectedRow> rows, Path file) throws IOException {
        try (CSVPrinter out = printer(file, List.of("source_line", "customer_id", "reason", "detail", "raw"))) {
            for (RejectedRow r : rows) {
                out.printRecord(r.sourceLine(), CsvCells.text(r.customerId()), r.reason().key(), CsvCells.text(r.detail()),
                        CsvCells.text(r.raw()));
            }
        }
    }

    private static CSVPrinter printer(Path file, List<String> header) throws IOException {
        CSVPrinter printer = new CSVPrinter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), CSV);
        printer.printRecord(header);
        return printer;
    }

    /**
     * Renames the finished folder into place. An earlier run's folder at the same place is replaced;
     * anything else there is left alone and the run fails, rather than mixing our files with others.
     */
    private static void moveIntoPlace(Path temp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            if (!isReplaceable(target)) {
                throw new IOException(target + " exists and is not a Segmentflow run folder; choose another output folder");
            }
            old = temp.resolveSibling(temp.getFileName() + ".replaced");
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            if (old != null) Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the earlier run back
            throw e;
        }
        if (old != null) Folders.deleteQuietly(old);
    }

    /** An empty folder or an earlier run's output. */
    public static boolean isReplaceable(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty() || Files.exists(dir.resolve("summary.json"));
        }
    }
}
