package io.segmentflow.bench;

import io.segmentflow.Segmentflow;
import io.segmentflow.ingest.source.ProfiledSourceReader;
import io.segmentflow.ingest.source.SourceSettings;
import io.segmentflow.model.InputFacts;
import io.segmentflow.model.SegmentationRun;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;

/**
 * Not a test: the time to segment UCI Online Retail (541,909 transaction rows, gzip, Windows-1252)
 * end to end with the online-retail profile, and the aggregation rate in transaction rows per
 * second. Reads ../shared/data/Online_Retail.csv.gz (or the folder given as the first argument).
 * Run with {@code mvn -B -q -Pbench -DskipTests verify}.
 */
public final class OnlineRetailBenchmark {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args.length > 0 ? args[0] : "../shared/data").resolve("Online_Retail.csv.gz");
        if (!Files.isRegularFile(file)) {
            System.out.println("Online Retail benchmark skipped: " + file.toAbsolutePath() + " is absent");
            return;
        }
        Path out = Files.createTempDirectory("online-retail-bench");
        for (int i = 1; i <= 2; i++) {
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            long t0 = System.nanoTime();
            int code = new Segmentflow(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8))
                    .run("segment", file.toString(), "--profile", "online-retail", "--out", out.resolve("run-" + i).toString());
            double seconds = (System.nanoTime() - t0) / 1e9;
            if (code != 0) throw new IllegalStateException("segment failed: " + err.toString(StandardCharsets.UTF_8));
            System.out.printf(Locale.ROOT, "Online Retail end to end (segment --profile online-retail, report included), run %d"
                    + " of 2%s: %.1f s%n", i, i == 1 ? ", cold JVM" : "", seconds);
        }

        Properties profile = new Properties();
        try (Reader r = Files.newBufferedReader(Path.of("config/profiles/online-retail.properties"))) {
            profile.load(r);
        }
        ProfiledSourceReader reader = new ProfiledSourceReader(
                SourceSettings.from(k -> Optional.ofNullable(profile.getProperty(k))),
                cell -> cell.isEmpty() || java.util.Set.of("NA", "N/A", "NULL").contains(cell.toUpperCase(java.util.Locale.ROOT)),
                Clock.systemUTC());
        for (int i = 1; i <= 5; i++) {
            long t0 = System.nanoTime();
            SegmentationRun run;
            try (InputStream in = Files.newInputStream(file)) {
                run = reader.read(in, file.getFileName().toString(), null);
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            InputFacts.TransactionCounts tx = run.request().facts().transactions();
            System.out.printf(Locale.ROOT, "Read %d: %,d transaction rows (gunzip, decode, parse, check, aggregate) in %.2f s ="
                            + " %,.0f rows/s; aggregation of %,d used rows into %,d customers: %.1f ms = %,.0f rows/s%n",
                    i, tx.read(), seconds, tx.read() / seconds, tx.used(), tx.customers(), tx.aggregationNanos() / 1e6,
                    tx.used() * 1e9 / tx.aggregationNanos());
        }
    }
}
