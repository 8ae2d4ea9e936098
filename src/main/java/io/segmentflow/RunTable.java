package io.segmentflow;

import io.segmentflow.model.SegmentProfile;
import io.segmentflow.model.SegmentationRun;
import io.segmentflow.profile.SegmentProfiler;

import java.io.PrintStream;
import java.util.Locale;

/** The short table the commands print: where the results are and what the segments are. */
final class RunTable {
    private RunTable() {
    }

    static void print(SegmentationRun run, PrintStream out) {
        long totalMs = run.timingsMs().values().stream().mapToLong(Long::longValue).sum();
        out.printf(Locale.ROOT, "Segmented %s: %,d rows read, %,d used, %,d quarantined, %d segments, %.1f s%n",
                run.request().inputName(), run.rowsRead(), run.rowsLoaded(), run.quarantine().size(),
                run.profiles().size(), totalMs / 1000.0);
        var transactions = run.request().facts().transactions();
        if (transactions != null) { // the rows above are customers; say what became of the transaction rows
            out.printf(Locale.ROOT, "Transactions: %,d read, %,d used, %,d quarantined %s, %,d cancellations, %,d customers%n",
                    transactions.read(), transactions.used(), transactions.quarantined(), transactions.reasons(),
                    transactions.cancellations(), transactions.customers());
        }
        out.println("Results: " + run.outputDir());
        java.nio.file.Path report = run.outputDir().resolve("report.html");
        if (java.nio.file.Files.exists(report)) out.println("Report:  " + report);
        out.println();
        int nameWidth = Math.max(7, run.profiles().stream().mapToInt(p -> p.name().length()).max().orElse(7));
        out.printf(Locale.ROOT, "  %2s  %-" + nameWidth + "s  %9s  %6s  %s%n", "#", "Segment", "Customers", "Share",
                "What sets it apart");
        for (SegmentProfile p : run.profiles()) {
            out.printf(Locale.ROOT, "  %2d  %-" + nameWidth + "s  %,9d  %5.1f%%  %s%n", p.id(), p.name(), p.size(),
                    p.share() * 100, SegmentProfiler.describe(p));
        }
        if (run.quality() != null) {
            var q = run.quality();
            out.println();
            String silhouette = !q.silhouetteMeasured() ? "silhouette not measured"
                    : String.format(Locale.ROOT, "silhouette %.3f%s", q.silhouette(),
                    q.silhouetteExact() ? "" : String.format(Locale.ROOT, " (sample of %,d)", q.silhouetteSample()));
            out.printf(Locale.ROOT, "Quality: %s, Davies-Bouldin %.3f, Calinski-Harabasz %.1f%n", silhouette,
                    q.daviesBouldin(), q.calinskiHarabasz());
            q.concerns().forEach(c -> out.println("Warning: poor segmentation: " + c));
        }
        if (run.stability() != null) {
            var s = run.stability();
            out.printf(Locale.ROOT, "Stability: mean adjusted Rand index %.3f (min %.3f) over %d resamples%s%n", s.mean(), s.min(),
                    s.resamples(), s.stable() ? "" : " - Warning: unstable segmentation");
        }
        if (!run.warnings().isEmpty()) {
            out.println();
            run.warnings().forEach(w -> out.println("Note: " + w));
        }
    }
}
