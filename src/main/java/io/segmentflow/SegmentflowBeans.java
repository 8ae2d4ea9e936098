package io.segmentflow;

import io.segmentflow.clean.CleaningSettings;
import io.segmentflow.clean.CustomerCleaner;
import io.segmentflow.cluster.SegmentClusterer;
import io.segmentflow.cluster.PrincipalProjector;
import io.segmentflow.cluster.QualityAssessor;
import io.segmentflow.cluster.StabilityAssessor;
import io.segmentflow.database.Database;
import io.segmentflow.database.MigratedDataSource;
import io.segmentflow.database.DatabaseSettings;
import io.segmentflow.database.ScheduleGuard;
import io.segmentflow.database.ScheduleSettings;
import io.segmentflow.database.SharedDataSourceProvider;
import io.segmentflow.deliver.OutputSettings;
import io.segmentflow.deliver.RunDatabaseWriter;
import io.segmentflow.deliver.RunFilesWriter;
import io.segmentflow.deliver.report.ReportSettings;
import io.segmentflow.deliver.report.ReportWriter;
import io.segmentflow.demo.DemoDatabaseLoader;
import io.segmentflow.features.FeatureBuilder;
import io.segmentflow.features.FeatureScaler;
import io.segmentflow.features.FeatureSettings;
import io.segmentflow.features.ScalingSettings;
import io.segmentflow.history.AlertRule;
import io.segmentflow.history.AlertRules;
import io.segmentflow.history.MigrationsWriter;
import io.segmentflow.history.ModelStore;
import io.segmentflow.history.SegmentLineage;
import io.segmentflow.ingest.CsvCustomerReader;
import io.segmentflow.ingest.InboxArchive;
import io.segmentflow.ingest.InputFingerprint;
import io.segmentflow.ingest.InputSchema;
import io.segmentflow.ingest.QueryParameters;
import io.segmentflow.ingest.SqlCustomerReader;
import io.segmentflow.ingest.source.ProfiledSourceReader;
import io.segmentflow.ingest.source.SourceSettings;
import io.segmentflow.model.ClusteringSettings;
import io.segmentflow.model.ScalingMethod;
import io.segmentflow.profile.NamingRule;
import io.segmentflow.profile.ProfileSettings;
import io.segmentflow.profile.SegmentProfiler;
import io.segmentflow.score.ScoreRequestReader;
import io.segmentflow.score.ScoringService;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.component.quartz.QuartzComponent;
import org.apache.camel.support.service.ServiceSupport;
import org.apache.commons.dbcp2.BasicDataSource;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.spi.Registry;
import org.apache.camel.support.processor.idempotent.FileIdempotentRepository;

import javax.sql.DataSource;
import java.io.File;
import java.nio.file.Path;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
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
                p.integer("segmentation.input.max-line-length"), MailBeans.contactColumns(p::optional));
        // A profile with segmentation.source.kind = customers or transactions reads its own shape of file;
        // the default schema keeps its byte-level fast reader.
        SourceSettings source = SourceSettings.from(context.getPropertiesComponent()::resolveProperty);
        registry.bind("csvCustomerReader", source.profiled() ? new ProfiledSourceReader(source, schema::isMissing, clock) : new CsvCustomerReader(schema, clock));
        registry.bind("inputFingerprint", new InputFingerprint());
        registry.bind("inboxArchive", new InboxArchive(Path.of(p.string("segmentation.inbox.dir")),
                p.string("segmentation.inbox.done-dir"), p.string("segmentation.inbox.failed-dir"),
                p.string("segmentation.inbox.duplicates-dir")));
        registry.bind("profileInbox", new ProfileInbox(context, Path.of(p.string("segmentation.inbox.dir")),
                p.string("segmentation.inbox.done-dir"), p.string("segmentation.inbox.failed-dir"),
                p.string("segmentation.inbox.duplicates-dir"),
                p.named("segmentation.inbox.profile-patterns", "segmentation.inbox.profile-pattern.")));
        registry.bind("inboxRepository", FileIdempotentRepository.fileIdempotentRepository(
                new File(p.string("segmentation.inbox.processed-store")), 100_000));

        registry.bind("customerCleaner", new CustomerCleaner(new CleaningSettings(p.string("segmentation.clean.imputation"),
                p.list("segmentation.clean.non-negative"), p.string("segmentation.clean.duplicates"),
                p.decimal("segmentation.clean.max-quarantined-share"))));
        registry.bind("featureBuilder", new FeatureBuilder(new FeatureSettings(p.list("segmentation.features.columns"),
                p.string("segmentation.features.recency-from"), p.string("segmentation.features.reference-date")), clock));
        registry.bind("featureScaler", new FeatureScaler(scalingSettings(p)));

        int slots = p.integer("segmentation.cluster.execution-slots");
        StabilityAssessor stability = new StabilityAssessor(new StabilityAssessor.Settings(
                p.integer("segmentation.stability.resamples"), p.integer("segmentation.stability.sample"),
                p.longValue("segmentation.stability.seed"), p.decimal("segmentation.stability.min-mean-ari")));
        boolean autoK = p.string("segmentation.cluster.k").equalsIgnoreCase("auto");
        SegmentClusterer.AutoK choice = new SegmentClusterer.AutoK(autoK, p.integer("segmentation.cluster.k-min"),
                p.integer("segmentation.cluster.k-max"), p.string("segmentation.cluster.k-criterion"),
                p.integer("segmentation.cluster.k-sample"));
        registry.bind("segmentClusterer", new SegmentClusterer(new ClusteringSettings(
                autoK ? choice.minK() : p.integer("segmentation.cluster.k"),
                p.longValue("segmentation.cluster.seed"), p.string("segmentation.cluster.init"),
                p.integer("segmentation.cluster.restarts"), p.integer("segmentation.cluster.max-iterations"),
                slots > 0 ? slots : Runtime.getRuntime().availableProcessors(),
                p.integer("segmentation.cluster.sample-size")), choice,
                p.string("segmentation.cluster.algorithm"), p.integer("segmentation.cluster.hierarchical-limit"), stability));
        registry.bind("qualityAssessor", new QualityAssessor(new QualityAssessor.Settings(
                p.integer("segmentation.quality.exact-silhouette-up-to"), p.longValue("segmentation.quality.sample-seed"),
                p.decimal("segmentation.quality.min-silhouette"), p.decimal("segmentation.quality.max-davies-bouldin"),
                p.bool("segmentation.quality.silhouette"))));
        registry.bind("stabilityAssessor", stability);
        ProfileSettings profiles = profileSettings(p);
        requireKnownFeatures(profiles, p.list("segmentation.features.columns"));
        registry.bind("segmentProfiler", new SegmentProfiler(profiles));

        Map<String, String> versions = new LinkedHashMap<>();
        versions.put("segmentflow", Version.current());
        versions.put("camel", context.getVersion());
        versions.put("java", System.getProperty("java.version"));
        registry.bind("runFilesWriter", new RunFilesWriter(new OutputSettings(Path.of(p.string("segmentation.output.dir")), versions)));
        registry.bind("principalProjector", new PrincipalProjector());
        registry.bind("reportWriter", new ReportWriter(reportSettings(p), versions));

        databaseBeans(context, p, schema, versions, clock);
        modelBeans(context, p, schema, versions, clock);
        MailBeans.bind(context, new MailBeans.Keys(p::string, p::optional, p::secret, p::list, p::integer, p::longValue,
                p::decimal, p::bool), clock);
    }

    /**
     * Issue 9: saved models and their lineage (identity, migration, drift), alerts, and scoring of
     * new customers (REST API, scoring inbox, direct:score) against the current model.
     */
    private static void modelBeans(CamelContext context, Properties p, InputSchema schema, Map<String, String> versions,
                                   Clock clock) {
        Registry registry = context.getRegistry();
        String dir = p.optional("segmentation.model.dir");
        Path modelRoot = dir.isEmpty() ? Path.of(p.string("segmentation.output.dir")).toAbsolutePath().resolveSibling("models")
                : Path.of(dir);
        javax.sql.DataSource pool = p.bool("segmentation.database.write-back")
                ? registry.lookupByNameAndType("segmentflowDataSource", javax.sql.DataSource.class) : null;
        ModelStore store = new ModelStore(modelRoot, pool, p.string("segmentation.features.recency-from"), versions, clock);
        registry.bind("modelStore", store);
        registry.bind("segmentLineage", new SegmentLineage(store, new SegmentLineage.Settings(
                p.decimal("segmentation.identity.max-match-distance"), p.decimal("segmentation.drift.max-centroid-shift"),
                p.decimal("segmentation.drift.max-share-change"))));
        registry.bind("migrationsWriter", new MigrationsWriter());
        registry.bind("alertRules", new AlertRules(p.list("segmentation.alerts.rules").stream()
                .map(name -> AlertRule.parse(name, p.string("segmentation.alerts.rule." + name))).toList()));
        List<String> nonNegative = p.list("segmentation.clean.non-negative");
        registry.bind("scoringService", new ScoringService(store,
                new ScoreRequestReader(schema, nonNegative, p.integer("segmentation.api.max-customers")),
                new CsvCustomerReader(schema, clock), nonNegative));
    }

    private static ReportSettings reportSettings(Properties p) {
        Map<String, String> units = new LinkedHashMap<>();
        for (String pair : p.list("segmentation.report.units")) {
            String[] parts = pair.split(":", 2);
            if (parts.length != 2) {
                throw new IllegalArgumentException("segmentation.report.units: write feature:unit pairs, got '" + pair + "'");
            }
            units.put(parts[0].trim().toLowerCase(Locale.ROOT), parts[1].trim());
        }
        return new ReportSettings(p.integer("segmentation.report.scatter-sample"), p.longValue("segmentation.report.sample-seed"),
                p.integer("segmentation.report.chart-width"), p.integer("segmentation.report.chart-height"),
                p.integer("segmentation.report.histogram-bins"), units);
    }

    /**
     * The database flow: the pool (the schema migrated at start-up), the write-back, the ingest query's
     * reader and parameters, the schedule's overlap guard and the Quartz component (clustered or not).
     */
    private static void databaseBeans(CamelContext context, Properties p, InputSchema schema, Map<String, String> versions,
                                      Clock clock) {
        Registry registry = context.getRegistry();
        String url = p.string("segmentation.database.url");
        if (url.equals("embedded")) {
            // Absolute, because H2 refuses implicitly relative paths. One process at a time: H2's
            // AUTO_SERVER mode, which would let two share the file, corrupted it under test load.
            url = "jdbc:h2:file:" + Path.of(p.string("segmentation.database.data-dir"), "segmentflow").toAbsolutePath()
                    + ";TRACE_LEVEL_FILE=0";
        }
        DatabaseSettings settings = new DatabaseSettings(url, p.optional("segmentation.database.user"),
                p.secret("segmentation.database.password"), p.integer("segmentation.database.max-pool-size"),
                p.bool("segmentation.database.migrate"));
        BasicDataSource pool = Database.pool(settings);
        // Migrated when first used, or now when this process will surely use the database: then a
        // wrong URL or password fails at start, before any work. A one-shot run that writes nothing
        // back, sends no mail and reads no query never opens it (about a second of every start).
        MigratedDataSource migrated = settings.migrate() ? new MigratedDataSource(pool) : null;
        DataSource db = migrated != null ? migrated : pool;
        String poolName = context.getName() + "-" + Integer.toHexString(System.identityHashCode(pool));
        SharedDataSourceProvider.register(poolName, db);
        try {
            context.addService(new ServiceSupport() {
                @Override
                protected void doStop() throws Exception {
                    SharedDataSourceProvider.unregister(poolName);
                    pool.close();
                }
            });
        } catch (Exception e) {
            throw new IllegalStateException("cannot register the database pool's shutdown", e);
        }
        if (migrated != null && (p.bool("segmentation.database.write-back") || p.bool("segmentation.mail.enabled")
                || p.bool("segmentation.database.schedule.enabled"))) {
            migrated.migrateNow();
        }
        registry.bind("segmentflowDataSource", db);

        registry.bind("runDatabaseWriter", new RunDatabaseWriter(db, p.integer("segmentation.database.batch-size"),
                p.bool("segmentation.database.postgresql-copy"), versions, clock));
        String query = p.string("segmentation.database.query");
        String queryName = Path.of(query.substring(query.indexOf(':') + 1)).getFileName().toString().replaceFirst("\\.sql$", "");
        registry.bind("sqlCustomerReader", new SqlCustomerReader(schema, "database:" + queryName, clock));
        registry.bind("queryParameters", new QueryParameters(p.named("segmentation.database.parameters",
                "segmentation.database.parameter.")));
        registry.bind("demoDatabaseLoader", new DemoDatabaseLoader(db));

        registry.bind("scheduleGuard", new ScheduleGuard(db, instanceName(context),
                Duration.ofMinutes(p.integer("segmentation.database.schedule.lock-timeout-minutes")), clock));
        ScheduleSettings schedule = new ScheduleSettings(p.bool("segmentation.database.schedule.clustered"),
                p.longValue("segmentation.database.schedule.misfire-threshold-ms"),
                p.longValue("segmentation.database.schedule.cluster-checkin-ms"), settings.isPostgreSql());
        QuartzComponent quartz = new QuartzComponent();
        quartz.setPrefixInstanceName(false);
        Map<String, Object> quartzProperties = new LinkedHashMap<>();
        schedule.quartzProperties(poolName).forEach((k, v) -> quartzProperties.put((String) k, v));
        quartz.setProperties(quartzProperties);
        registry.bind("quartz", quartz);
    }

    /** Host, process and context: how the firing log and the schedule lock name this instance. */
    private static String instanceName(CamelContext context) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            host = "localhost";
        }
        return host + "/" + ProcessHandle.current().pid() + "/" + context.getName()
                + "-" + Integer.toHexString(System.identityHashCode(context));
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

        String optional(String key) {
            return component.resolveProperty(key).map(String::trim).orElse("");
        }

        /**
         * A value that may be a {{env:NAME}} placeholder; empty when the key is not set. A missing
         * environment variable is an error that names it (resolveProperty would quietly say "not set").
         */
        String secret(String key) {
            try {
                return component.parseUri("{{" + key + ":}}").trim();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(key + " cannot be resolved: " + e.getMessage(), e);
            }
        }

        boolean bool(String key) {
            String v = string(key);
            if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
                throw new IllegalArgumentException(key + " must be true or false, was '" + v + "'");
            }
            return Boolean.parseBoolean(v);
        }

        /** name -> value of {@code <prefix><name>} for every name the list key names. */
        Map<String, String> named(String namesKey, String prefix) {
            Map<String, String> values = new LinkedHashMap<>();
            for (String name : list(namesKey)) values.put(name, string(prefix + name));
            return values;
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
