package io.segmentflow.support;

import io.segmentflow.clean.CleaningSettings;
import io.segmentflow.clean.CustomerCleaner;
import io.segmentflow.cluster.KMeansSegmenter;
import io.segmentflow.features.FeatureBuilder;
import io.segmentflow.features.FeatureScaler;
import io.segmentflow.ingest.CsvCustomerReader;
import io.segmentflow.model.SegmentationRun;
import io.segmentflow.profile.SegmentProfiler;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/** The real stages with the settings of config/application.properties, driven without Camel. */
public final class Pipeline {
    /** A fixed clock, so run ids and "today" do not depend on when the tests run. */
    public static final Clock CLOCK = Clock.fixed(Instant.parse("2025-07-01T08:00:00Z"), ZoneOffset.UTC);

    private final CleaningSettings cleaning;

    private Pipeline(CleaningSettings cleaning) {
        this.cleaning = cleaning;
    }

    public static Pipeline withApplicationSettings() {
        return new Pipeline(ApplicationSettings.cleaning());
    }

    /** The application settings with other cleaning rules. */
    public static Pipeline withCleaning(CleaningSettings cleaning) {
        return new Pipeline(cleaning);
    }

    /** ingest, clean, features, scale and cluster. */
    public SegmentationRun clustered(String csv, String inputName, Path outputDir) {
        SegmentationRun run = new CsvCustomerReader(ApplicationSettings.inputSchema(), CLOCK).read(
                new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), inputName,
                outputDir == null ? null : outputDir.toString());
        run = new CustomerCleaner(cleaning).clean(run);
        run = new FeatureBuilder(ApplicationSettings.features(), CLOCK).build(run);
        run = new FeatureScaler(ApplicationSettings.scaling()).scale(run);
        return new KMeansSegmenter(ApplicationSettings.clustering()).cluster(run);
    }

    /** Every stage up to delivery. */
    public SegmentationRun profiled(String csv, String inputName, Path outputDir) {
        return new SegmentProfiler(ApplicationSettings.profile()).profile(clustered(csv, inputName, outputDir));
    }
}
