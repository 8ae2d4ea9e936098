package io.segmentflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which commands get a tuned JVM, with which flags, and when everything stays in the JVM as started. */
class TunedJvmTest {
    private static final long GB = 1L << 30;

    @TempDir
    Path dir;

    private Path jar() throws IOException {
        return Files.writeString(dir.resolve("segmentflow.jar"), "a jar");
    }

    private static String[] started(String... jvmOptions) {
        List<String> all = new java.util.ArrayList<>(List.of(jvmOptions));
        all.addAll(List.of("-jar", "target/segmentflow.jar", "segment", "in.csv"));
        return all.toArray(String[]::new);
    }

    @Test
    void aOneShotCommandRunsInAJvmForShortBatchWorkWithTheUsersOptionsLast() throws IOException {
        Path jar = jar();
        TunedJvm.Child child = TunedJvm.child(new String[] {"segment", "in.csv", "--out", "o"}, started("-Xmx1g", "-Dx=y"), jar, GB)
                .orElseThrow();

        List<String> c = child.command();
        assertTrue(c.contains("-XX:TieredStopAtLevel=1"), c.toString());
        assertTrue(c.contains("-XX:+UseSerialGC"), c.toString());
        assertTrue(c.contains("-XX:PretenureSizeThreshold=6m"), c.toString());
        assertTrue(c.contains("-Xms480m") && c.contains("-XX:NewSize=120m"), c.toString());
        assertTrue(c.indexOf("-Xmx1g") > c.indexOf("-XX:+UseSerialGC"), "the user's options come after ours, so they win");
        assertEquals(List.of("-cp", jar.toString(), "io.segmentflow.Segmentflow", "segment", "in.csv", "--out", "o"),
                c.subList(c.size() - 7, c.size()));
        // no archive yet: this run writes one at exit, under a private name until it succeeded
        assertTrue(c.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=" + dir.resolve(".segmentflow-segment.jsa."))));
    }

    @Test
    void anArchiveNewerThanTheJarIsMappedAndAnOlderOneRebuilt() throws IOException {
        Path jar = jar();
        Path archive = Files.writeString(dir.resolve("segmentflow-segment.jsa"), "classes");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000_000));
        Files.setLastModifiedTime(archive, FileTime.fromMillis(2_000_000));
        List<String> current = TunedJvm.child(new String[] {"segment", "f"}, started(), jar, GB).orElseThrow().command();
        assertTrue(current.contains("-XX:SharedArchiveFile=" + archive), current.toString());

        Files.setLastModifiedTime(jar, FileTime.fromMillis(3_000_000)); // the jar was rebuilt since
        List<String> stale = TunedJvm.child(new String[] {"segment", "f"}, started(), jar, GB).orElseThrow().command();
        assertTrue(stale.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit=")), stale.toString());
    }

    @Test
    void aNewArchiveIsPutInPlaceOnlyAfterASuccessfulRun() throws IOException {
        Path jar = jar();
        TunedJvm.Child failed = TunedJvm.child(new String[] {"score", "f"}, started(), jar, GB).orElseThrow();
        Files.writeString(failed.newArchive(), "partial");
        failed.keepArchive(false);
        assertFalse(Files.exists(failed.newArchive()));
        assertFalse(Files.exists(failed.archive()));

        TunedJvm.Child succeeded = TunedJvm.child(new String[] {"score", "f"}, started(), jar, GB).orElseThrow();
        Files.writeString(succeeded.newArchive(), "classes");
        succeeded.keepArchive(true);
        assertEquals("classes", Files.readString(dir.resolve("segmentflow-score.jsa")));
    }

    @Test
    void theUsersOwnGcJitOrCdsOptionsReplaceOurs() throws IOException {
        List<String> c = TunedJvm.child(new String[] {"segment", "f"},
                started("-XX:+UseG1GC", "-XX:TieredStopAtLevel=4", "-XX:SharedArchiveFile=/tmp/mine.jsa"), jar(), GB).orElseThrow().command();
        assertFalse(c.contains("-XX:+UseSerialGC"), c.toString());
        assertFalse(c.contains("-XX:PretenureSizeThreshold=6m"), "a serial-collector option, not the user's G1's");
        assertFalse(c.contains("-XX:TieredStopAtLevel=1"), c.toString());
        assertEquals(1, c.stream().filter(o -> o.contains("SharedArchiveFile") || o.contains("ArchiveClassesAtExit")).count());
    }

    @Test
    void theFirstHeapIsSetOnlyWhenTheUsersMaximumAllowsItAndTheyDidNotSizeItThemselves() throws IOException {
        Path jar = jar();
        List<String> small = TunedJvm.child(new String[] {"segment", "f"}, started("-Xmx256m"), jar, 256L << 20).orElseThrow().command();
        assertFalse(small.stream().anyMatch(o -> o.startsWith("-Xms") || o.startsWith("-XX:NewSize")), small.toString());
        List<String> theirs = TunedJvm.child(new String[] {"segment", "f"}, started("-Xms2g"), jar, 4 * GB).orElseThrow().command();
        assertEquals(List.of("-Xms2g"), theirs.stream().filter(o -> o.startsWith("-Xms")).toList());
        assertFalse(theirs.contains("-XX:NewSize=120m"), theirs.toString());
    }

    @Test
    void theServiceAgentsRecordingsAndClasspathStartsStayInThisJvm() throws IOException {
        Path jar = jar();
        assertEquals(Optional.empty(), TunedJvm.child(new String[0], started(), jar, GB), "the service");
        assertEquals(Optional.empty(), TunedJvm.child(new String[] {"help"}, started(), jar, GB));
        assertEquals(Optional.empty(), TunedJvm.child(new String[] {"segment", "f"}, started("-agentlib:jdwp=transport=dt_socket"), jar, GB));
        assertEquals(Optional.empty(), TunedJvm.child(new String[] {"segment", "f"},
                started("-XX:StartFlightRecording=filename=r.jfr"), jar, GB));
        assertEquals(Optional.empty(), TunedJvm.child(new String[] {"segment", "f"}, started("-javaagent:agent.jar"), jar, GB));
        assertEquals(Optional.empty(), TunedJvm.child(new String[] {"segment", "f"},
                new String[] {"-cp", "classes", "io.segmentflow.Segmentflow", "segment", "f"}, jar, GB), "started with -cp");
    }
}
