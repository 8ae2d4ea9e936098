package io.segmentflow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The inbox remembers what it processed across a restart of the service. */
class InboxRestartTest {
    @TempDir
    Path dir;

    @Test
    void aFileDroppedAgainAfterARestartIsMovedToDuplicatesNotProcessedAgain() throws Exception {
        Path inbox = dir.resolve("inbox");
        Path data = dir.resolve("customers.csv");
        CommandLine.run("generate", "--customers", "300", "--seed", "3", "--out", data.toString());
        Map<String, String> settings = Map.of(
                "segmentation.inbox.dir", inbox.toString(),
                "segmentation.inbox.processed-store", dir.resolve("state/processed.txt").toString(),
                "segmentation.output.dir", dir.resolve("out").toString(),
                "segmentation.inbox.poll-delay-ms", "100",
                "segmentation.inbox.stable-ms", "300",
                "segmentation.inbox.stable-check-ms", "100");

        try (Launcher first = Launcher.start(settings)) {
            Files.copy(data, inbox.resolve("monday.csv"));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".done/monday.csv")));
        }
        try (Launcher second = Launcher.start(settings)) {
            Files.copy(data, inbox.resolve("monday-resent.csv"));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(inbox.resolve(".duplicates/monday-resent.csv")));
        }

        assertFalse(Files.exists(inbox.resolve("monday-resent.csv")));
        try (Stream<Path> runs = Files.list(dir.resolve("out"))) {
            assertEquals(1, runs.count(), "one run for the same bytes, across a restart");
        }
    }
}
