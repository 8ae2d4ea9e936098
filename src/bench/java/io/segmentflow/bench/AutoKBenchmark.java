package io.segmentflow.bench;

import io.segmentflow.cluster.SegmentClusterer;
import io.segmentflow.cluster.StabilityAssessor;
import io.segmentflow.demo.DemoCustomerGenerator;
import io.segmentflow.model.KSelection;
import io.segmentflow.model.SegmentationRun;
import io.segmentflow.support.ApplicationSettings;
import io.segmentflow.support.Pipeline;

import java.io.StringWriter;
import java.util.Locale;

/**
 * Not a test: how long automatic k takes (k = 2 to 10, every candidate with its bootstrap
 * stability) on 100,000 generated customers with the shipped settings, against clustering with a
 * fixed k on the same data. Run with {@code mvn -B -q -Pbench -DskipTests verify}.
 */
public final class AutoKBenchmark {
    public static void main(String[] args) throws Exception {
        int customers = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        StringWriter csv = new StringWriter();
        new DemoCustomerGenerator(42).write(csv, customers, 4);
        SegmentationRun run = Pipeline.withApplicationSettings().clustered(csv.toString(), "bench.csv", null);
        StabilityAssessor stability = new StabilityAssessor(new StabilityAssessor.Settings(
                Integer.parseInt(ApplicationSettings.get("segmentation.stability.resamples")),
                Integer.parseInt(ApplicationSettings.get("segmentation.stability.sample")), 42,
                Double.parseDouble(ApplicationSettings.get("segmentation.stability.min-mean-ari"))));
        String criterion = ApplicationSettings.get("segmentation.cluster.k-criterion");
        int sample = Integer.parseInt(ApplicationSettings.get("segmentation.cluster.k-sample"));
        for (boolean withStability : new boolean[] {false, true}) {
            SegmentClusterer clusterer = new SegmentClusterer(ApplicationSettings.clustering(),
                    new SegmentClusterer.AutoK(true, 2, 10, criterion, sample), "k-means", 0, withStability ? stability : null);
            clusterer.choose(run.scaled()); // warm-up: the first pass pays for class loading and JIT
            long t0 = System.nanoTime();
            KSelection s = clusterer.choose(run.scaled());
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(Locale.ROOT, "Automatic k on %,d customers (k = 2..10, %s, compared on %,d, %s): %.1f s, chose k = %d%n",
                    run.scaled().rows(), criterion, s.evaluatedOn(), withStability ? "with stability per k" : "without stability",
                    seconds, s.chosenK());
        }
        System.out.printf(Locale.ROOT, "For comparison, clustering all %,d customers with the fixed k took %,d ms in this run.%n",
                run.scaled().rows(), run.timingsMs().get("cluster"));
    }
}
