package io.segmentflow.deliver.report;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.segmentflow.deliver.report.ReportView.CentroidRow;
import io.segmentflow.deliver.report.ReportView.Card;
import io.segmentflow.deliver.report.ReportView.Chart;
import io.segmentflow.deliver.report.ReportView.Fact;
import io.segmentflow.deliver.report.ReportView.StatisticsRow;
import io.segmentflow.model.FeatureMatrix;
import io.segmentflow.model.KSelection;
import io.segmentflow.model.Projection;
import io.segmentflow.model.SegmentProfile;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Draws the charts and writes report.html into the run's staging folder. */
public final class ReportWriter {
    private static final Logger LOG = LoggerFactory.getLogger(ReportWriter.class);
    private static final Mustache TEMPLATE = new DefaultMustacheFactory("io/segmentflow/deliver/report").compile("report.html.mustache");

    private static final int FIRST_REJECTS = 10;

    private final ReportSettings settings;
    private final Map<String, String> versions;

    /** @param versions component versions, as summary.json records them */
    public ReportWriter(ReportSettings settings, Map<String, String> versions) {
        this.settings = settings;
        this.versions = Map.copyOf(versions);
    }

    public SegmentationRun write(SegmentationRun run) {
        long t0 = System.nanoTime();
        Path dir = run.stagingDir();
        try {
            Path charts = Files.createDirectories(dir.resolve("charts"));
            FeatureMatrix features = run.features();
            // Each column is copied and sorted once, then shared by the charts and the tables.
            double[][] columns = new double[features.cols()][];
            List<FeatureStatistics> overall = new ArrayList<>();
            for (int j = 0; j < columns.length; j++) {
                columns[j] = features.column(j);
                overall.add(FeatureStatistics.of(columns[j]));
            }
            List<Chart> drawn = drawCharts(run, charts, columns);
            try (Writer w = Files.newBufferedWriter(dir.resolve("report.html"), StandardCharsets.UTF_8)) {
                TEMPLATE.execute(w, view(run, drawn, columns, overall)).flush();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        LOG.info("Report for {}: report.html and charts in {} ms", run.request().inputName(), ms);
        return run.reported(ms);
    }

    private List<Chart> drawCharts(SegmentationRun run, Path dir, double[][] columns) throws IOException {
        SegmentCharts charts = new SegmentCharts(settings.width(), settings.height());
        FeatureMatrix features = run.features();
        List<SegmentProfile> profiles = run.profiles();
        List<String> names = profiles.stream().map(SegmentProfile::name).toList();
        int[] segmentOf = run.segmentation().assignments();
        List<Chart> out = new ArrayList<>();

        if (run.kSelection() != null) out.add(drawKSelection(charts, dir.resolve("k-selection.png"), run.kSelection()));

        String scatterCaption = drawScatter(charts, dir.resolve("segments-pca.png"), run, names);
        out.add(new Chart("charts/segments-pca.png", "Customers on the two principal components", scatterCaption));

        if (run.evolution() != null) out.add(drawMigration(charts, dir.resolve("migration.png"), run));

        long[] sizes = profiles.stream().mapToLong(SegmentProfile::size).toArray();
        charts.sizes(dir.resolve("segment-sizes.png"), names, sizes, features.rows());
        out.add(new Chart("charts/segment-sizes.png", "Segment sizes", "Customers per segment and their share."));

        double[][] z = new double[profiles.size()][];
        for (int c = 0; c < profiles.size(); c++) {
            Map<String, Double> byFeature = profiles.get(c).centroidZ();
            z[c] = features.featureNames().stream().mapToDouble(byFeature::get).toArray();
        }
        charts.profile(dir.resolve("segment-profile.png"), names, features.featureNames(), z);
        out.add(new Chart("charts/segment-profile.png", "What sets the segments apart",
                "Each segment's centroid in standard deviations from the mean of all customers."));

        for (int j = 0; j < features.cols(); j++) {
            String feature = features.featureNames().get(j);
            double[] column = columns[j];
            List<FeatureStatistics> bySegment = new ArrayList<>();
            for (int c = 0; c < profiles.size(); c++) bySegment.add(FeatureStatistics.of(membersOf(column, segmentOf, c)));
            String box = "box-" + fileSafe(feature) + ".png";
            charts.boxPlot(dir.resolve(box), feature, settings.label(feature), names, bySegment);
            out.add(new Chart("charts/" + box, feature + " by segment", "In original units; every customer counted."));
        }
        for (int j = 0; j < features.cols(); j++) {
            String feature = features.featureNames().get(j);
            String histogram = "histogram-" + fileSafe(feature) + ".png";
            charts.histogram(dir.resolve(histogram), feature, settings.label(feature), columns[j], settings.histogramBins());
            out.add(new Chart("charts/" + histogram, "Distribution of " + feature, "All customers, " + settings.histogramBins() + " bins."));
        }
        return out;
    }

    /** The quality measure the criterion used, per candidate k, with the chosen k marked. */
    /** Segment colours follow the run's segment order, so "now" bars match the other charts. */
    private static Chart drawMigration(SegmentCharts charts, Path file, SegmentationRun run) throws IOException {
        var matrix = run.evolution().matrix();
        List<String> labels = run.profiles().stream().map(p -> p.id() + " " + p.name()).toList();
        int[] colour = matrix.to().stream().mapToInt(labels::indexOf).map(i -> Math.max(i, 0)).toArray();
        charts.migration(file, matrix.from(), matrix.to(), matrix.counts(), colour);
        return new Chart("charts/" + file.getFileName(), "Migration since run " + run.evolution().previousRunId(),
                String.format(java.util.Locale.ROOT, "%,d customers changed segment; the numbers are in migrations.csv and summary.json.",
                        run.evolution().moved()));
    }

    private static Chart drawKSelection(SegmentCharts charts, Path file, KSelection selection) throws IOException {
        List<KSelection.Score> scores = selection.scores();
        int[] k = scores.stream().mapToInt(KSelection.Score::k).toArray();
        String measure;
        double[] values;
        switch (selection.criterion()) {
            case "silhouette" -> { measure = "Silhouette"; values = scores.stream().mapToDouble(KSelection.Score::silhouette).toArray(); }
            case "davies-bouldin" -> { measure = "Davies-Bouldin index"; values = scores.stream().mapToDouble(KSelection.Score::daviesBouldin).toArray(); }
            case "calinski-harabasz" -> { measure = "Calinski-Harabasz index"; values = scores.stream().mapToDouble(KSelection.Score::calinskiHarabasz).toArray(); }
            default -> { measure = "SSE"; values = scores.stream().mapToDouble(KSelection.Score::sse).toArray(); }
        }
        charts.qualityByK(file, measure, k, values, selection.chosenK());
        return new Chart("charts/" + file.getFileName(), "Choice of the number of segments",
                selection.reason() + String.format(Locale.ROOT, " Compared on %,d customers.", selection.evaluatedOn()));
    }

    /** The scatter plot; above the configured population it draws a seeded sample and says so. */
    private String drawScatter(SegmentCharts charts, Path file, SegmentationRun run, List<String> names) throws IOException {
        Projection projection = run.projection();
        FeatureMatrix scaled = run.scaled();
        int n = scaled.rows();
        int[] rows = io.segmentflow.model.SeededSample.rows(n, settings.scatterSample(), settings.sampleSeed());
        int k = names.size();
        int[] counts = new int[k];
        for (int row : rows) counts[run.segmentation().segmentOf(row)]++;
        double[][] xs = new double[k][], ys = new double[k][];
        for (int c = 0; c < k; c++) { xs[c] = new double[counts[c]]; ys[c] = new double[counts[c]]; }
        int[] filled = new int[k];
        for (int row : rows) {
            int c = run.segmentation().segmentOf(row);
            double[] p = projection.project(scaled.row(row));
            xs[c][filled[c]] = p[0];
            ys[c][filled[c]++] = p[1];
        }
        List<SegmentCharts.ScatterSeries> series = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            double[] centre = projection.project(run.segmentation().centroid(c));
            series.add(new SegmentCharts.ScatterSeries(names.get(c), xs[c], ys[c], centre[0], centre[1]));
        }
        String caption = rows.length < n
                ? String.format(Locale.ROOT, "A seeded random sample of %,d of %,d customers; large circles: segment centroids.", rows.length, n)
                : String.format(Locale.ROOT, "All %,d customers; large circles: segment centroids.", n);
        charts.scatter(file, "Customers on the two principal components",
                String.format(Locale.ROOT, "PC1 (%.1f%% of variance)", projection.explainedShare(0) * 100),
                String.format(Locale.ROOT, "PC2 (%.1f%% of variance)", projection.explainedShare(1) * 100), series, caption);
        return caption;
    }

    private ReportView view(SegmentationRun run, List<Chart> charts, double[][] columns, List<FeatureStatistics> overall) {
        var r = run.request();
        var s = run.segmentation();
        var c = s.settings();
        FeatureMatrix features = run.features();
        List<Fact> runFacts = new ArrayList<>(List.of(
                new Fact("Rows read", count(run.rowsRead())), new Fact("Customers segmented", count(run.rowsLoaded())),
                new Fact("Rows quarantined", count(run.quarantine().size())),
                new Fact("Features", String.join(", ", features.featureNames())),
                new Fact("Recency measured to", run.referenceDate() == null ? "-" : run.referenceDate().toString()),
                new Fact("Sum of squared distances (SSE)", number(s.sse())), new Fact("Iterations", count(s.iterations()))));
        var transactions = r.facts().transactions();
        if (transactions != null) { // a transaction source: the rows above are customers
            runFacts.add(new Fact("Transactions read, used, quarantined", count(transactions.read()) + ", " + count(transactions.used())
                    + ", " + count(transactions.quarantined()) + " " + transactions.reasons()));
        }
        r.facts().detected().forEach((what, how) -> runFacts.add(new Fact("Input " + what, how)));
        List<Fact> settingsFacts = new ArrayList<>(List.of(new Fact("Algorithm", s.algorithm() + " (" + s.library() + ")"),
                new Fact("Segments (k)", count(c.k()) + (run.kSelection() == null ? ""
                        : " (chosen by " + run.kSelection().criterion() + " from " + run.kSelection().scores().get(0).k() + " to "
                        + run.kSelection().scores().get(run.kSelection().scores().size() - 1).k() + ")")), new Fact("Initialisation", c.init()),
                new Fact("Seed", c.seed() + " (winning restart: " + s.winningSeed() + ")"),
                new Fact("Restarts", count(c.restarts())), new Fact("Maximum iterations", count(c.maxIterations())),
                new Fact("Imputation", run.imputation().strategy())));
        for (int j = 0; j < run.scaler().features().size(); j++) {
            settingsFacts.add(new Fact("Scaling of " + run.scaler().features().get(j), run.scaler().methods().get(j).key()));
        }
        List<Fact> timings = run.timingsMs().entrySet().stream().map(e -> new Fact(e.getKey(), count(e.getValue()) + " ms")).toList();
        List<Fact> versionFacts = new ArrayList<>();
        versions.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> versionFacts.add(new Fact(e.getKey(), e.getValue())));
        versionFacts.add(new Fact("clustering", s.library()));
        List<Fact> reasons = run.quarantine().countsByReason().entrySet().stream()
                .map(e -> new Fact(e.getKey(), count(e.getValue()))).toList();
        List<Fact> missing = run.imputation().filled().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new Fact(e.getKey(), e.getValue() == 0 ? "none missing"
                        : count(e.getValue()) + " filled with " + fillValue(run, e.getKey())))
                .toList();
        List<ReportView.Reject> firstRejects = run.quarantine().rows().stream().limit(FIRST_REJECTS)
                .map(q -> new ReportView.Reject(count(q.sourceLine()), q.customerId(), q.detail())).toList();

        List<StatisticsRow> statistics = new ArrayList<>();
        for (int j = 0; j < features.cols(); j++) {
            FeatureStatistics f = overall.get(j);
            statistics.add(new StatisticsRow(settings.label(features.featureNames().get(j)), count(f.count()), number(f.mean()),
                    number(f.sd()), number(f.min()), number(f.q1()), number(f.median()), number(f.q3()), number(f.max())));
        }

        List<Card> cards = new ArrayList<>();
        List<CentroidRow> centroids = new ArrayList<>();
        for (int i = 0; i < run.profiles().size(); i++) {
            SegmentProfile p = run.profiles().get(i);
            List<Fact> keyStats = features.featureNames().stream()
                    .map(f -> new Fact(settings.label(f), "mean " + number(p.mean().get(f)) + " · median " + number(p.median().get(f))))
                    .toList();
            List<String> distinguishing = p.distinguishing().isEmpty() ? List.of("close to the average on every feature")
                    : p.distinguishing().stream().map(SegmentProfile.Distinction::describe).toList();
            cards.add(new Card(Integer.toString(p.id()), p.name(), SegmentPalette.hex(i), count(p.size()),
                    percent(p.share()), distinguishing, p.recommendation(), keyStats));
            centroids.add(new CentroidRow(Integer.toString(p.id()), p.name(), SegmentPalette.hex(i), features.featureNames().stream()
                    .map(f -> number(p.centroid().get(f)) + " (" + signed(p.centroidZ().get(f)) + " sd)").toList()));
        }
        var q = run.quality();
        List<Fact> quality = new ArrayList<>();
        if (q != null) quality.addAll(List.of(
                new Fact("Silhouette (-1 to 1, higher is better)", !q.silhouetteMeasured()
                        ? "not measured (segmentation.quality.silhouette=false)"
                        : String.format(Locale.ROOT, "%.3f", q.silhouette())
                        + (q.silhouetteExact() ? "" : " (sample of " + count(q.silhouetteSample()) + ")")),
                new Fact("Davies-Bouldin (lower is better)", String.format(Locale.ROOT, "%.3f", q.daviesBouldin())),
                new Fact("Calinski-Harabasz (higher is better)", number(q.calinskiHarabasz()))));
        var st = run.stability();
        List<String> concerns = new ArrayList<>(q == null ? List.of() : q.concerns());
        if (st != null) {
            quality.add(new Fact("Stability (adjusted Rand index, 1 is best)", String.format(Locale.ROOT,
                    "mean %.3f, min %.3f over %d resamples", st.mean(), st.min(), st.resamples())));
            if (!st.stable()) concerns.add(String.format(Locale.ROOT, "unstable: resampled customers give other segments"
                    + " (mean adjusted Rand index %.3f)", st.mean()));
        }
        return new ReportView(r.runId(), r.inputName(), r.sha256(), r.startedAt().toString(), runFacts, quality,
                concerns, settingsFacts, timings,
                versionFacts, reasons, firstRejects,
                run.quarantine().size() > firstRejects.size(), missing, statistics, businessFigures(features.featureNames(), columns, overall), cards, charts,
                features.featureNames().stream().map(settings::label).toList(), centroids, run.warnings());
    }

    /** Average purchase value, purchase frequency and recency, where the default features exist. */
    private List<Fact> businessFigures(List<String> names, double[][] columns, List<FeatureStatistics> overall) {
        List<Fact> facts = new ArrayList<>();
        int spent = names.indexOf("total_spent"), purchases = names.indexOf("purchase_count"), recency = names.indexOf("recency_days");
        if (spent >= 0 && purchases >= 0) {
            double money = sum(columns[spent]), count = sum(columns[purchases]);
            facts.add(new Fact("Average purchase value", count == 0 ? "-" : number(money / count)));
        }
        if (purchases >= 0) {
            facts.add(new Fact("Purchase frequency (purchases per customer)", number(overall.get(purchases).mean())));
        }
        if (recency >= 0) {
            FeatureStatistics r = overall.get(recency);
            facts.add(new Fact("Recency (days since last purchase)", "median " + number(r.median()) + ", mean " + number(r.mean())));
        }
        return facts;
    }

    /** Dates are filled with a day, shown as one; numbers as numbers. */
    private static String fillValue(SegmentationRun run, String column) {
        double value = run.imputation().values().get(column);
        return run.table().dateNames().contains(column) ? LocalDate.ofEpochDay((long) value).toString() : number(value);
    }

    private static double[] membersOf(double[] column, int[] segmentOf, int segment) {
        int n = 0;
        for (int s : segmentOf) if (s == segment) n++;
        double[] out = new double[n];
        int i = 0;
        for (int row = 0; row < column.length; row++) if (segmentOf[row] == segment) out[i++] = column[row];
        return out;
    }

    private static double sum(double[] values) {
        double s = 0;
        for (double v : values) s += v;
        return s;
    }

    private static String fileSafe(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]+", "-");
    }

    static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    static String number(double v) {
        if (Double.isNaN(v)) return "-";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.format(Locale.ROOT, "%,d", (long) v);
        double a = Math.abs(v);
        return String.format(Locale.ROOT, a >= 1000 ? "%,.0f" : a >= 1 ? "%,.2f" : "%.3f", v);
    }

    private static String signed(double v) {
        return String.format(Locale.ROOT, "%+.2f", v);
    }

    private static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f%%", share * 100);
    }
}
