package io.segmentflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The jar's entry point. A one-shot command (segment, score, generate, demo) runs in a second JVM
 * started with flags for short batch work on few cores; the service runs here, as started.
 *
 * <p>Why: a one-shot run lasts seconds, and on 2 cores the C2 compiler's threads took as much CPU
 * as the work itself (14 s of CPU for an 8 s million-customer run, 6 s with C1 only), and loading
 * about 5,000 classes from the jar took a second before the first row was read. So the child gets
 * {@code -XX:TieredStopAtLevel=1} (C1 only), {@code -XX:+UseSerialGC} (no GC threads, a smaller
 * heap footprint; arrays of 6 MB or more allocated straight in the old generation; a first heap
 * of 480 MB when the maximum allows) and a class-data-sharing archive per command,
 * {@code segmentflow-COMMAND.jsa} beside the jar, which its first run writes at exit (JDK 17's
 * {@code -XX:ArchiveClassesAtExit}) and later runs map ({@code -XX:SharedArchiveFile}); an archive
 * older than the jar is rebuilt.
 * The extra JVM costs about 0.1 s and 40 MB.
 *
 * <p>The user's own JVM options go after ours, so they win: a GC, JIT or CDS option of theirs
 * replaces ours. Options this class cannot pass on safely (agents, debuggers, flight recordings)
 * and {@code -Dsegmentflow.jvm-tuning=off} keep everything in this JVM, as started; so
 * does starting with {@code -cp} instead of {@code -jar} (tests, IDEs, embedding).
 */
public final class TunedJvm {
    static final Set<String> ONE_SHOT = Set.of("segment", "score", "generate", "demo");
    /**
     * JVM options that mean the same in a child JVM: heap and stack sizes, properties, -XX flags and
     * logging (both JVMs log; a log file needs %p in its name, or they write over each other).
     */
    private static final Pattern PASSED_ON = Pattern.compile("-Xm[snx]\\S+|-Xss\\S+|-D\\S+|-XX:[+-]?\\w+(=\\S*)?|-Xlog\\S*|-verbose:\\S+");
    private static final Pattern NOT_PASSED_ON = Pattern.compile("-XX:[+-]?(StartFlightRecording|FlightRecorder\\w*)(=\\S*)?");

    private TunedJvm() {
    }

    public static void main(String[] args) throws Exception {
        Optional<Child> child = child(args);
        if (child.isEmpty()) {
            Segmentflow.main(args);
            return;
        }
        Process process = new ProcessBuilder(child.get().command()).inheritIO().start();
        // A stop signal to this JVM (kill, a service manager) stops the child too.
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (process.isAlive()) {
                process.destroy();
                try {
                    process.waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }));
        int exit = process.waitFor();
        child.get().keepArchive(exit == Segmentflow.OK);
        System.exit(exit);
    }

    /** The command to run one-shot work in a tuned JVM, or empty to run it here. */
    static Optional<Child> child(String[] args) {
        if ("off".equalsIgnoreCase(System.getProperty("segmentflow.jvm-tuning", "on").trim())) return Optional.empty();
        Optional<String[]> started = ProcessHandle.current().info().arguments();
        Optional<Path> jar = jar();
        if (started.isEmpty() || jar.isEmpty()) return Optional.empty();
        return child(args, started.get(), jar.get(), Runtime.getRuntime().maxMemory());
    }

    /**
     * @param started this JVM's own arguments: JVM options, then -jar and the jar, then the command's
     * @param maxHeap the largest heap the user's options allow, in bytes (this JVM's, started with them)
     */
    static Optional<Child> child(String[] args, String[] started, Path jar, long maxHeap) {
        if (args.length == 0 || !ONE_SHOT.contains(args[0])) return Optional.empty();
        List<String> userOptions = new ArrayList<>();
        for (String argument : started) {
            if (argument.equals("-jar")) return Optional.of(Child.of(args, jar, userOptions, maxHeap));
            if (!PASSED_ON.matcher(argument).matches() || NOT_PASSED_ON.matcher(argument).matches()) return Optional.empty();
            userOptions.add(argument);
        }
        return Optional.empty(); // started with -cp: tests, an IDE, an embedding application
    }

    private static Optional<Path> jar() {
        try {
            Path location = Path.of(TunedJvm.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? Optional.of(location) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    /**
     * @param command      the child's command line
     * @param archive      the command's CDS archive, or null when there is none to use or build
     * @param newArchive   where the child writes a new archive at exit, or null when it maps an existing one
     */
    record Child(List<String> command, Path archive, Path newArchive) {
        /** A heap to start with, when the user's maximum allows it; see {@link #of}. */
        static final long START_HEAP = 480L << 20;

        static Child of(String[] args, Path jar, List<String> userOptions, long maxHeap) {
            List<String> command = new ArrayList<>();
            command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
            if (userOptions.stream().noneMatch(o -> o.matches("-XX:[+-]?(TieredCompilation|TieredStopAtLevel)\\S*"))) {
                command.add("-XX:TieredStopAtLevel=1");
            }
            if (userOptions.stream().noneMatch(o -> o.matches("-XX:[+-]Use\\w+GC"))) {
                command.add("-XX:+UseSerialGC");
                // A column of 750,000 customers or more is allocated where it ends up anyway, in the old
                // generation, instead of being copied there by a young collection; the CSV writer's
                // short-lived 3 MB blocks stay young. At 1M: GC pauses 410 -> 234 ms (median of 4).
                command.add("-XX:PretenureSizeThreshold=6m");
                // The default first heap is 1/64 of the RAM (365 MB on 23 GB), too small for a million
                // customers' columns in the old generation: it grew by a full collection mid-run. Starting
                // at 480 MB with a 120 MB young generation, there is none; pages are touched only as they
                // are used, so peak RSS stays the same. At 1M: GC pauses 280-316 -> 194-226 ms.
                boolean userSizesHeap = userOptions.stream()
                        .anyMatch(o -> o.matches("-Xm[sn]\\S+|-XX:(InitialHeapSize|NewSize|MaxNewSize|NewRatio)=\\S+"));
                if (!userSizesHeap && maxHeap >= START_HEAP) {
                    command.add("-Xms" + (START_HEAP >> 20) + "m");
                    command.add("-XX:NewSize=120m");
                }
            }
            Path archive = null, newArchive = null;
            Path folder = jar.toAbsolutePath().getParent();
            boolean userCds = userOptions.stream().anyMatch(o -> o.matches("-XX:(SharedArchiveFile|ArchiveClassesAtExit)=\\S*"));
            if (!userCds && folder != null) {
                archive = folder.resolve("segmentflow-" + args[0] + ".jsa");
                if (isCurrent(archive, jar)) {
                    command.add("-XX:SharedArchiveFile=" + archive);
                } else if (Files.isWritable(folder)) {
                    newArchive = folder.resolve(".segmentflow-" + args[0] + ".jsa." + ProcessHandle.current().pid());
                    command.add("-XX:ArchiveClassesAtExit=" + newArchive);
                    // Writing the archive warns about every class it leaves out (generated, JFR, old bytecode): noise.
                    command.add("-Xlog:cds=off");
                    command.add("-Xlog:cds+dynamic=off");
                } else {
                    archive = null;
                }
            }
            command.addAll(userOptions);
            command.add("-cp");
            command.add(jar.toString());
            command.add("io.segmentflow.Segmentflow"); // by name: loading the class here would start its logging
            command.addAll(List.of(args));
            return new Child(List.copyOf(command), archive, newArchive);
        }

        /** Puts a newly written archive in place after a successful run; otherwise drops it. */
        void keepArchive(boolean succeeded) {
            if (newArchive == null) return;
            try {
                if (succeeded && Files.isRegularFile(newArchive)) {
                    Files.move(newArchive, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } else {
                    Files.deleteIfExists(newArchive);
                }
            } catch (IOException e) {
                newArchive.toFile().delete(); // the next run builds it again
            }
        }

        private static boolean isCurrent(Path archive, Path jar) {
            try {
                return Files.isRegularFile(archive)
                        && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0;
            } catch (IOException e) {
                return false;
            }
        }
    }
}
