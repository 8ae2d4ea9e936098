package io.segmentflow;

import io.segmentflow.deliver.RunFilesWriter;
import io.segmentflow.demo.DemoCustomerGenerator;
import io.segmentflow.demo.DemoDatabaseLoader;
import io.segmentflow.model.Folders;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.SegmentationRun;
import org.apache.camel.Exchange;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.Main;
import org.apache.camel.main.MainListenerSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The command line. Every verb goes through the same Camel routes as the service, so a one-shot
 * run and a dropped file behave identically. Exit codes: 0 success, 1 internal error, 2 bad usage,
 * 3 input rejected (the reason on stderr).
 */
public final class Segmentflow {
    static final int OK = 0, INTERNAL_ERROR = 1, USAGE = 2, REJECTED = 3;
    private static final Logger LOG = LoggerFactory.getLogger(Segmentflow.class);
    private static final String USAGE_TEXT = """
            Usage:
              java -jar target/segmentflow.jar [--config FILE] [--set key=value]...   run the service: the inbox and the schedule
              java -jar target/segmentflow.jar demo                 generate 10,000 demo customers, segment them, write out/, exit
              java -jar target/segmentflow.jar segment FILE [--profile NAME] [--out DIR] [--set key=value]... [--no-report]
              java -jar target/segmentflow.jar segment --source database [--profile NAME] [--out DIR]   the database flow, once
              java -jar target/segmentflow.jar score FILE --out FILE     score customers against the current saved model
              java -jar target/segmentflow.jar generate --customers N [--seed S] [--segments K] [--epoch E] [--contacts] --out FILE
            Every verb takes --set key=value to override a key of config/application.properties,
            and --config FILE to lay a whole file over it (e.g. config/postgresql.properties).
            Exit codes: 0 done, 1 internal error, 2 bad usage, 3 input rejected (reason on stderr).""";
    static final int DEMO_CUSTOMERS = 10_000;
    static final long DEMO_SEED = 42;

    private final PrintStream out;
    private final PrintStream err;

    /** For embedding and tests: the command line with its own output streams. */
    public Segmentflow(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(new Segmentflow(System.out, System.err).run(args));
    }

    /** Runs one command and returns its exit code; never calls System.exit. */
    public int run(String... args) {
        Arguments a;
        try {
            a = Arguments.parse(args);
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        }
        try {
            return switch (a.verb) {
                case "service" -> service(a);
                case "demo" -> demo(a);
                case "segment" -> segment(a);
                case "generate" -> generate(a);
                case "score" -> score(a);
                case "help" -> {
                    out.println(USAGE_TEXT);
                    yield OK;
                }
                default -> usage("unknown command '" + a.verb + "'");
            };
        } catch (IllegalArgumentException e) {
            return usage(e.getMessage());
        } catch (Exception e) {
            Throwable cause = rootCause(e);
            if (cause instanceof IllegalArgumentException) {
                return usage(cause.getMessage());
            }
            LOG.error("Internal error", e);
            err.println("segmentflow: internal error: " + cause);
            return INTERNAL_ERROR;
        }
    }

    private int service(Arguments a) throws Exception {
        Main main = Launcher.configured(a.overrides());
        main.addMainListener(new MainListenerSupport() {
            @Override
            public void afterStart(BaseMainSupport started) {
                var properties = started.getCamelContext().getPropertiesComponent();
                LOG.info("Segmentflow {} is watching {}/ for CSV files; results go to {}/. Stop with Ctrl+C.", Version.current(),
                        properties.resolveProperty("segmentation.inbox.dir").orElse("?"),
                        properties.resolveProperty("segmentation.output.dir").orElse("?"));
            }
        });
        return main.run(new String[0]) == 0 ? OK : INTERNAL_ERROR;
    }

    /** Demo customers go through the real inbox route, in a private inbox so nothing else is picked up. */
    private int demo(Arguments a) throws Exception {
        Path work = Files.createTempDirectory("segmentflow-demo");
        try {
            Path inbox = Files.createDirectories(work.resolve("inbox"));
            Path staged = work.resolve("demo-customers.csv");
            try (Writer w = Files.newBufferedWriter(staged, StandardCharsets.UTF_8)) {
                new DemoCustomerGenerator(DEMO_SEED, true).write(w, DEMO_CUSTOMERS, 4);
            }
            Path copy = Files.copy(staged, work.resolve("for-the-database.csv"));
            out.printf("Generated %,d demo customers (seed %d) and dropped them into the inbox route.%n", DEMO_CUSTOMERS, DEMO_SEED);
            Map<String, String> overrides = new LinkedHashMap<>(a.overrides());
            overrides.put("segmentation.inbox.enabled", "true");
            overrides.put("segmentation.inbox.dir", inbox.toString());
            overrides.put("segmentation.inbox.processed-store", work.resolve("processed.txt").toString());
            overrides.put("segmentation.inbox.poll-delay-ms", "200");
            overrides.put("segmentation.inbox.stable-ms", "500");
            overrides.put("segmentation.inbox.stable-check-ms", "100");
            oneShot(overrides);
            try (Launcher launcher = Launcher.start(overrides)) {
                InboxCompletion completion = InboxCompletion.watch(launcher.context());
                Files.move(staged, inbox.resolve(staged.getFileName()), StandardCopyOption.ATOMIC_MOVE);
                Exchange done = completion.await(10, TimeUnit.MINUTES);
                if (done.getException() != null) {
                    return reject("demo-customers.csv", done.getException());
                }
                RunTable.print(done.getMessage().getBody(SegmentationRun.class), out);
                printOutbox(launcher);
                return demoDatabase(launcher, copy);
            }
        } finally {
            Folders.deleteQuietly(work);
        }
    }

    /** Where the campaign mails went: the outbox's .eml files open in any mail client. */
    private void printOutbox(Launcher launcher) throws IOException {
        var properties = launcher.context().getPropertiesComponent();
        if (!properties.resolveProperty("segmentation.mail.enabled").orElse("false").trim().equals("true")
                || !properties.resolveProperty("segmentation.mail.transport").orElse("").trim().equals("outbox")) {
            return;
        }
        Path outbox = Path.of(properties.resolveProperty("segmentation.mail.outbox.dir").orElseThrow().trim()).toAbsolutePath();
        long mails = 0;
        if (Files.isDirectory(outbox)) {
            try (var files = Files.walk(outbox)) {
                mails = files.filter(f -> f.getFileName().toString().endsWith(".eml")).count();
            }
        }
        out.println();
        out.printf("Campaign mails: %,d .eml files in %s (who got which campaign, and who not and why: mail-report.json)%n",
                mails, outbox);
    }

    /** The database flow on the same customers: loaded into demo_customer, then the ingest query once. */
    private int demoDatabase(Launcher launcher, Path customers) {
        var registry = launcher.context().getRegistry();
        int loaded = registry.lookupByNameAndType("demoDatabaseLoader", DemoDatabaseLoader.class).load(customers);
        out.println();
        out.printf("Loaded the same %,d customers into the database table demo_customer and ran the database flow once.%n", loaded);
        Exchange result = launcher.context().createProducerTemplate().request("direct:ingest-query", exchange -> { });
        if (result.getException() != null) {
            return reject("the database query", result.getException());
        }
        RunTable.print(result.getMessage().getBody(SegmentationRun.class), out);
        out.println();
        out.println("Both runs are written back to the database: tables segment_run and segment_assignment, "
                + "and the view customer_current_segment.");
        return OK;
    }

    private int segment(Arguments a) throws Exception {
        if (a.options.containsKey("--source")) {
            if (!"database".equals(a.options.get("--source"))) {
                return usage("--source takes 'database', got '" + a.options.get("--source") + "'");
            }
            if (!a.positional.isEmpty()) return usage("segment --source database takes no FILE, got " + a.positional);
            return segmentDatabase(a);
        }
        if (a.positional.size() != 1) {
            return usage("segment takes one FILE" + (a.positional.isEmpty() ? "" : ", got " + a.positional));
        }
        Path file = Path.of(a.positional.get(0));
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            return usage("no readable file " + file);
        }
        String fileName = file.getFileName().toString();
        return once(a, "direct:ingest-file", fileName, message -> {
            message.setBody(file.toFile());
            message.setHeader(Exchange.FILE_NAME, fileName);
        });
    }

    /** The database flow once: the configured query through the same routes the schedule uses. */
    private int segmentDatabase(Arguments a) throws Exception {
        return once(a, "direct:ingest-query", "the database query", message -> { });
    }

    /**
     * One run through the routes, with neither the inbox nor the schedule started, so a one-shot
     * command never picks up other work; then the result table, or the reason it was rejected.
     */
    private int once(Arguments a, String entry, String input, java.util.function.Consumer<org.apache.camel.Message> request)
            throws Exception {
        Path outDir = a.options.containsKey("--out") ? Path.of(a.options.get("--out")) : null;
        if (outDir != null && Files.exists(outDir) && !RunFilesWriter.isReplaceable(outDir)) {
            return usage(outDir + " exists and is not a Segmentflow run folder; choose another --out");
        }
        Map<String, String> overrides = new LinkedHashMap<>(a.overrides());
        singleRun(overrides);
        // Camel's start-up runs on one thread; the JSON mapper the run ends with is built on another meanwhile.
        Thread prepare = new Thread(RunFilesWriter::prepare, "prepare-json");
        prepare.setDaemon(true);
        prepare.start();
        try (Launcher launcher = Launcher.start(overrides)) {
            Exchange result = launcher.context().createProducerTemplate().request(entry, exchange -> {
                request.accept(exchange.getMessage());
                if (outDir != null) exchange.getMessage().setHeader(RouteHeaders.OUTPUT_DIR, outDir.toString());
            });
            if (result.getException() != null) {
                return reject(input, result.getException());
            }
            RunTable.print(result.getMessage().getBody(SegmentationRun.class), out);
            return OK;
        }
    }

    private int generate(Arguments a) throws IOException {
        if (!a.options.containsKey("--customers") || !a.options.containsKey("--out")) {
            return usage("generate needs --customers N and --out FILE");
        }
        int customers = Arguments.integer(a.options, "--customers", 0);
        long seed = Arguments.integer(a.options, "--seed", (int) DEMO_SEED);
        int segments = Arguments.integer(a.options, "--segments", 4);
        Path target = Path.of(a.options.get("--out"));
        Path parent = target.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        // A hidden name until complete, so an inbox never sees half a file; ordinary permissions, unlike createTempFile.
        Path temp = parent.resolve("." + target.getFileName() + ".part");
        boolean evolving = a.options.containsKey("--epoch");
        DemoCustomerGenerator.Epoch epoch = null;
        try (Writer w = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            DemoCustomerGenerator generator = new DemoCustomerGenerator(seed, a.options.containsKey("--contacts"));
            if (evolving) epoch = generator.writeEpoch(w, customers, segments, Arguments.integer(a.options, "--epoch", 0));
            else generator.write(w, customers, segments);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        if (evolving) writeMoves(parent.resolve(target.getFileName() + ".moves"), epoch.moves());
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        out.printf("Wrote %,d customers with %d planted segments (seed %d) to %s%n", customers, segments, seed, target);
        if (evolving) {
            out.printf("Epoch %s: %,d customers moved between planted segments since the previous epoch, listed in %s.moves%n",
                    a.options.get("--epoch"), epoch.moves().size(), target);
        }
        return OK;
    }

    /**
     * Scores a customer CSV against the current saved model (no refitting), as the scoring inbox
     * does: one line per input row, in order, with the segment or the reason it could not be scored.
     */
    private int score(Arguments a) throws Exception {
        if (a.positional.size() != 1 || !a.options.containsKey("--out")) return usage("score takes one FILE and --out FILE");
        Path file = Path.of(a.positional.get(0));
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) return usage("no readable file " + file);
        Path target = Path.of(a.options.get("--out")).toAbsolutePath();
        Map<String, String> overrides = new LinkedHashMap<>(a.overrides());
        singleRun(overrides);
        try (Launcher launcher = Launcher.start(overrides); InputStream in = Files.newInputStream(file)) {
            var scoring = launcher.context().getRegistry().lookupByNameAndType("scoringService", io.segmentflow.score.ScoringService.class);
            String scored = scoring.scoreFile(in, file.getFileName().toString());
            Files.createDirectories(target.getParent());
            Path temp = target.resolveSibling("." + target.getFileName() + ".part");
            Files.writeString(temp, scored, StandardCharsets.UTF_8);
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            out.printf("Scored %s against the current model; wrote %s%n", file, target);
            return OK;
        } catch (io.segmentflow.score.NoModelException e) {
            err.println("segmentflow: " + e.getMessage());
            return REJECTED;
        } catch (InputRejectedException e) {
            err.println("segmentflow: " + file.getFileName() + " rejected: " + e.getMessage());
            return REJECTED;
        }
    }

    /** The planted moves of an evolving epoch: customer_id,from,to (not named .csv, so an inbox never takes it for customers). */
    private static void writeMoves(Path file, List<DemoCustomerGenerator.Move> moves) throws IOException {
        StringBuilder text = new StringBuilder("customer_id,from,to\n");
        moves.forEach(m -> text.append(m.customerId()).append(',').append(m.from()).append(',').append(m.to()).append('\n'));
        Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** A one-shot command opens no port and watches no scoring inbox. */
    private static void oneShot(Map<String, String> overrides) {
        overrides.put("segmentation.api.enabled", "false");
        overrides.put("segmentation.score.inbox-enabled", "false");
    }

    /**
     * One run and out (segment, score, a profiled inbox file): besides {@link #oneShot}, neither the
     * inbox nor the schedule starts, and their routes are not even created, as the Quartz scheduler
     * and the file watchers cost start-up and shut-down time.
     */
    public static void singleRun(Map<String, String> overrides) {
        oneShot(overrides);
        overrides.put("segmentation.inbox.enabled", "false");
        overrides.put("segmentation.database.schedule.enabled", "false");
        overrides.put("camel.main.route-filter-exclude-pattern", "ingest-inbox,ingest-profile-inbox,ingest-database,score-inbox");
    }

    private int reject(String input, Exception e) {
        Throwable t = e;
        while (!(t instanceof InputRejectedException) && t.getCause() != null) t = t.getCause();
        if (t instanceof InputRejectedException rejected) {
            err.println("segmentflow: " + input + " rejected: " + rejected.getMessage());
            return REJECTED;
        }
        LOG.error("Internal error while segmenting {}", input, e);
        err.println("segmentflow: internal error while segmenting " + input + ": " + rootCause(e));
        return INTERNAL_ERROR;
    }

    private int usage(String problem) {
        err.println("segmentflow: " + problem);
        err.println(USAGE_TEXT);
        return USAGE;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t;
    }

    /** The verb, its positional arguments and options; --set and --profile become property overrides. */
    record Arguments(String verb, List<String> positional, Map<String, String> options, Map<String, String> sets) {
        private static final List<String> WITH_VALUE = List.of("--out", "--profile", "--config", "--source", "--customers", "--seed",
                "--segments", "--set", "--epoch");
        private static final List<String> FLAGS = List.of("--no-report", "--help", "--contacts");

        static Arguments parse(String[] args) {
            if (args.length == 0) return new Arguments("service", List.of(), Map.of(), Map.of());
            String verb = args[0].equals("--help") || args[0].equals("-h") ? "help" : args[0];
            // The service takes options too: java -jar segmentflow.jar --config config/postgresql.properties
            boolean service = WITH_VALUE.contains(args[0]);
            if (service) verb = "service";
            List<String> positional = new ArrayList<>();
            Map<String, String> options = new LinkedHashMap<>();
            Map<String, String> sets = new LinkedHashMap<>();
            for (int i = service ? 0 : 1; i < args.length; i++) {
                String arg = args[i];
                if (FLAGS.contains(arg)) {
                    options.put(arg, "true");
                } else if (WITH_VALUE.contains(arg)) {
                    if (i + 1 >= args.length) throw new IllegalArgumentException(arg + " needs a value");
                    String value = args[++i];
                    if (arg.equals("--set")) {
                        int eq = value.indexOf('=');
                        if (eq <= 0) throw new IllegalArgumentException("--set needs key=value, got '" + value + "'");
                        sets.put(value.substring(0, eq).trim(), value.substring(eq + 1).trim());
                    } else {
                        options.put(arg, value);
                    }
                } else if (arg.startsWith("--")) {
                    throw new IllegalArgumentException("unknown option " + arg);
                } else {
                    positional.add(arg);
                }
            }
            if (options.containsKey("--help")) verb = "help";
            return new Arguments(verb, positional, options, sets);
        }

        /** An overlay file (--config) first, then profile keys, then --set, so an explicit --set always wins. */
        Map<String, String> overrides() {
            Map<String, String> all = new LinkedHashMap<>();
            if (options.containsKey("--config")) all.putAll(load(Path.of(options.get("--config"))));
            if (options.containsKey("--profile")) all.putAll(profile(options.get("--profile")));
            if (options.containsKey("--no-report")) all.put("segmentation.report.enabled", "false");
            all.putAll(sets);
            return all;
        }

        static Map<String, String> profile(String name) {
            if (!name.matches("[A-Za-z0-9._-]+")) throw new IllegalArgumentException("invalid profile name '" + name + "'");
            Path file = Path.of("config", "profiles", name + ".properties");
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no profile '" + name + "': " + file + " does not exist");
            }
            return load(file);
        }

        /** A properties file as overrides; {{env:NAME}} placeholders in it are resolved by Camel later. */
        private static Map<String, String> load(Path file) {
            if (!Files.isRegularFile(file)) throw new IllegalArgumentException("no configuration file " + file);
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(file)) {
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
            }
            Map<String, String> values = new LinkedHashMap<>();
            p.stringPropertyNames().stream().sorted().forEach(k -> values.put(k, p.getProperty(k).trim()));
            return values;
        }

        static int integer(Map<String, String> options, String name, int fallback) {
            String v = options.get(name);
            if (v == null) return fallback;
            try {
                return Integer.parseInt(v.replace("_", "").replace(",", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(name + " must be a whole number, got '" + v + "'");
            }
        }
    }
}
