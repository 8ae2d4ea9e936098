package io.segmentflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoCommandTest {
    @TempDir
    Path out;

    @Test
    void demoSegmentsTenThousandCustomersThroughTheInboxAndPrintsTheSegments() throws IOException {
        CommandLine result = CommandLine.run("demo", "--set", "segmentation.output.dir=" + out);

        assertEquals(0, result.exitCode(), result.stderr());
        Matcher where = Pattern.compile("Results: (\\S+)").matcher(result.stdout());
        assertTrue(where.find(), result.stdout());
        Path run = Path.of(where.group(1));
        assertEquals(out, run.getParent());
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertEquals(10_000, summary.at("/input/rowsRead").asInt());
        assertTrue(summary.at("/input/rowsQuarantined").asInt() > 0, "the demo data has a few broken rows");
        assertTrue(summary.at("/input/missingValuesFilled/total_spent").asInt() > 0, "the demo data has missing values");
        assertEquals(4, summary.at("/segments").size());
        for (JsonNode segment : summary.at("/segments")) {
            assertTrue(result.stdout().contains(segment.get("name").asText()), "the table names " + segment.get("name"));
        }
        // Campaign mails go to the outbox as .eml files, and the run says who got which and who not.
        assertTrue(result.stdout().contains("Campaign mails: "), result.stdout());
        JsonNode mail = new ObjectMapper().readTree(run.resolve("mail-report.json").toFile());
        assertEquals("outbox", mail.get("transport").asText());
        assertEquals(2, mail.get("campaigns").size());
        assertTrue(mail.at("/campaigns/0/optedOut").asInt() > 0, "the demo data has opted-out customers");
        assertEquals("mail-report.json", summary.at("/mail/report").asText());
        // The database flow on the same customers, from the embedded database.
        assertTrue(result.stdout().contains("Loaded the same 10,000 customers into the database table demo_customer"), result.stdout());
        assertTrue(result.stdout().contains("Segmented database:customers: 10,000 rows read"), result.stdout());
    }
}
