package io.segmentflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** inbox/NAME/, or a file name matching a profile's pattern, segments a file with that profile, through the running service. */
class ProfileInboxTest {
    private static final Path SAMPLES = Path.of("src/test/resources/datasets");

    @TempDir
    Path dir;

    @Test
    void filesInProfileFoldersAreSegmentedWithThatProfileAndArchivedInTheirFolder() throws Exception {
        Path inbox = dir.resolve("inbox");
        Path out = dir.resolve("out");
        Files.createDirectories(inbox.resolve("mall-customers"));
        Files.createDirectories(inbox.resolve("no-such-profile"));
        Map<String, String> settings = Map.of(
                "segmentation.inbox.dir", inbox.toString(),
                "segmentation.inbox.processed-store", dir.resolve("state/processed.txt").toString(),
                "segmentation.output.dir", out.toString(),
                "segmentation.report.enabled", "false",
                "segmentation.inbox.profile-patterns", "mall-customers",
                "segmentation.inbox.profile-pattern.mall-customers", "(?i)mall-export.*\\.csv",
                "segmentation.inbox.poll-delay-ms", "100",
                "segmentation.inbox.stable-ms", "300",
                "segmentation.inbox.stable-check-ms", "100");

        try (Launcher service = Launcher.start(settings)) {
            Files.copy(SAMPLES.resolve("Mall_Customers-sample.csv"), inbox.resolve("mall-customers/mall.csv"));
            Files.copy(SAMPLES.resolve("Mall_Customers-sample.csv"), inbox.resolve("no-such-profile/mall.csv"));
            // the same customers in the inbox itself, chosen by name: other bytes, so not a duplicate
            Files.writeString(inbox.resolve("Mall-Export-2024.csv"),
                    Files.readString(SAMPLES.resolve("Mall_Customers-sample.csv")) + "\r\n");
            await().atMost(Duration.ofSeconds(90)).until(() -> Files.exists(inbox.resolve("mall-customers/.done/mall.csv"))
                    && Files.exists(inbox.resolve(".done/Mall-Export-2024.csv"))
                    && Files.exists(inbox.resolve("no-such-profile/.failed/mall.csv.error.txt")));
        }

        assertFalse(Files.exists(inbox.resolve("mall-customers/mall.csv")));
        assertTrue(Files.readString(inbox.resolve("no-such-profile/.failed/mall.csv.error.txt"))
                .startsWith("the folder no-such-profile/ names no profile"));
        List<Path> runs;
        try (Stream<Path> list = Files.list(out)) {
            runs = list.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        }
        assertEquals(2, runs.size(), "one run for the file in mall-customers/, one for the file named like mall-export");
        for (Path run : runs) {
            JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
            assertEquals(40, summary.at("/input/rowsRead").asInt());
            assertEquals("comma (detected)", summary.at("/input/detected/delimiter").asText());
            assertEquals("[\"income\",\"spending_score\"]", summary.at("/features").toString(), "the profile's features");
            assertEquals(5, summary.at("/segments").size(), "the profile's k");
            assertTrue(Files.readString(run.resolve("assignments.csv")).contains("\n0001,"), "ids keep their zeros");
        }
    }
}
