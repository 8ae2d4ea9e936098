package io.segmentflow;

import io.segmentflow.clean.CleaningSettings;
import io.segmentflow.clean.CustomerCleaner;
import io.segmentflow.cluster.KMeansSegmenter;
import io.segmentflow.deliver.OutputSettings;
import io.segmentflow.deliver.RunFilesWriter;
import io.segmentflow.features.FeatureBuilder;
import io.segmentflow.features.FeatureScaler;
import io.segmentflow.features.FeatureSettings;
import io.segmentflow.features.ScalingSettings;
import io.segmentflow.ingest.CsvCustomerReader;
import io.segmentflow.ingest.InboxArchive;
import io.segmentflow.ingest.InputFingerprint;
import io.segmentflow.ingest.InputSchema;
import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.ScalingMethod;
import io.segmentflow.profile.NamingRule;
import io.segmentflow.profile.ProfileSettings;
import io.segmentflow.profile.SegmentProfiler;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one wiring class: reads {@code segmentation.*} properties into settings records and binds
 * one bean per stage under the names the routes use. Beans never read properties themselves.
 */
@Configuration
public class SegmentflowBeans implements CamelConfiguration {

    @Override
    public void configure(CamelContext context) {
        Properties p = new Properties(context.getPropertiesComponent());
        Registry registry = context.getRegistry();
        Clock clock = Clock.systemUTC();

        InputSchema schema = new InputSchema(p.string("segmentation.input.id-column"),
                p.list("segmentation.input.numeric-columns"), p.list("segmentation.input.date-columns"),
                p.string("segmentation.input.date-format"), p.delimiter("segmentation.input.delimiter"),
                new LinkedHashSet<>(p.listKeepingEmpty("segmentation.input.missing-values")),
                p.integer("segmentation.input.max-line-length"));
        registry.bind("csvCustomerReader", new CsvCustomerReader(schema, clock));
        registry.bind("inputFingerprint", new InputFingerprint());
        registry.bind("inboxArchive", new InboxArchive(Path.of(p.string("segmentation.inbox.dir")),
                p.string("segmentation.inbox.done-dir"), p.string("segmentation.inbox.failed-dir"),
                p.string("segmentation.inbox.duplicates-dir")));
        registry.bind("inboxRepository", FileIdempotentRepository.fileIdempotentRepository(
                new File(p.string("segmentation.inbox.processed-store")), 100_000));

        registry.bind("customerCleaner", new CustomerCleaner(new CleaningSettings(p.string("segmentation.clean.imputation"),
                p.list("segmentation.clean.non-negative"), p.string("segmentation.clean.duplicates"),
                p.decimal("segmentation.clean.max-quarantined-share"))));
        registry.bind("featureBuilder", new FeatureBuilder(new FeatureSettings(p.list("segmentation.features.columns"),
                p.string("segmentation.features.recency-from"), p.string("segmentation.features.reference-date")), clock));
        registry.bind("featureScaler", new FeatureScaler(scalingSettings(p)));

        int slots = p.integer("segmentation.cluster.execution-slots");
        registry.bind("kMeansSegmenter", new KMeansSegmenter(new ClusteringSettings(p.integer("segmentation.cluster.k"),
                p.longValue("segmentation.cluster.seed"), p.string("segmentation.cluster.init"),
                p.integer("segmentation.cluster.restarts"), p.integer("segmentation.cluster.max-iterations"),
                slots > 0 ? slots : Runtime.getRuntime().availableProcessors(),
                p.integer("segmentation.cluster.sample-size"))));
        ProfileSettings profiles = profileSettings(p);
        requireKnownFeatures(profiles, p.list("segmentation.features.columns"));
        registry.bind("segmentProfiler", new SegmentProfiler(profiles));

        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("segmentflow", Version.current());
        versions.put("camel", context.getVersion());
        versions.put("java", System.getProperty("java.version"));
        registry.bind("runFilesWriter", new RunFilesWriter(new OutputSettings(Path.of(p.string("segmentation.output.dir")), versions)));
    }

    private static ScalingSettings scalingSettings(Properties p) {
        Map<String, ScalingMethod> perFeature = new LinkedHashMap<>();
        for (String pair : p.list("segmentation.scale.per-feature")) {
            String[] parts = pair.split(":");
            if (parts.length != 2) {
                throw new IllegalArgumentException("segmentation.scale.per-feature: write feature:method pairs, got '" + pair + "'");
            }
            perFeature.put(parts[0].trim().toLowerCase(Locale.ROOT), ScalingMethod.fromKey(parts[1]));
        }
        return new ScalingSettings(ScalingMethod.fromKey(p.string("segmentation.scale.default")), perFeature);
    }

    /** A typo in a rule would otherwise make it silently never match. */
    private static void requireKnownFeatures(ProfileSettings profiles, List<String> features) {
        for (NamingRule rule : profiles.rules()) {
            for (NamingRule.Condition c : rule.conditions()) {
                if (features.stream().noneMatch(f -> f.trim().equalsIgnoreCase(c.feature()))) {
                    throw new IllegalArgumentException("segmentation.profile.rule." + rule.key() + " uses '" + c.feature()
                            + "', which is not one of segmentation.features.columns: " + String.join(", ", features));
                }
            }
        }
    }

    private static ProfileSettings profileSettings(Properties p) {
        List<NamingRule> rules = p.list("segmentation.profile.names").stream()
                .map(name -> NamingRule.parse(name, p.string("segmentation.profile.rule." + name))).toList();
        String fallback = p.string("segmentation.profile.fallback-name");
        Map<String, String> recommendations = new LinkedHashMap<>();
        for (NamingRule rule : rules) {
            recommendations.put(rule.key(), p.string("segmentation.profile.recommendation." + rule.key()));
        }
        String fallbackKey = fallback.toLowerCase(Locale.ROOT);
        recommendations.put(fallbackKey, p.string("segmentation.profile.recommendation." + fallbackKey));
        return new ProfileSettings(rules, fallback, recommendations, p.integer("segmentation.profile.max-distinguishing"),
                p.decimal("segmentation.profile.min-distinguishing-z"));
    }

    /** Typed reads with messages that name the key. */
    private record Properties(PropertiesComponent component) {
        String string(String key) {
            return component.resolveProperty(key).map(String::trim)
                    .orElseThrow(() -> new IllegalArgumentException("configuration key " + key + " is not set"));
        }

        List<String> list(String key) {
            return listKeepingEmpty(key).stream().filter(s -> !s.isEmpty()).toList();
        }

        List<String> listKeepingEmpty(String key) {
            String value = component.resolveProperty(key).orElse("");
            return Arrays.stream(value.split(",", -1)).map(String::trim).toList();
        }

        int integer(String key) {
            try {
                return Integer.parseInt(string(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, was '" + string(key) + "'", e);
            }
        }

        long longValue(String key) {
            try {
                return Long.parseLong(string(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a whole number, was '" + string(key) + "'", e);
            }
        }

        double decimal(String key) {
            try {
                return Double.parseDouble(string(key));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(key + " must be a number, was '" + string(key) + "'", e);
            }
        }

        char delimiter(String key) {
            String raw = component.resolveProperty(key).orElse(",");
            String value = switch (raw.trim().toLowerCase(Locale.ROOT)) {
                case "tab", "\\t" -> "\t";
                case "comma", "" -> ",";
                case "semicolon" -> ";";
                case "pipe" -> "|";
                default -> raw.trim();
            };
            if (value.length() != 1) {
                throw new IllegalArgumentException(key + " must be one character (or tab, comma, semicolon, pipe), was '" + raw + "'");
            }
            return value.charAt(0);
        }
    }
}
