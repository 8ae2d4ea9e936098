package io.segmentflow.deliver.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmentflow.support.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** report.html as the segment command writes it: sections, charts, escaping, sampling. */
class ReportContentTest {
    @TempDir
    Path dir;

    @Test
    void reportHasEverySectionAndEveryChartItReferencesExists() throws IOException {
        // A first run (its own model folder), so no migration chart joins the count below.
        Path run = segment(generated(1500), "--out", dir.resolve("run").toString(),
                "--set", "segmentation.model.dir=" + dir.resolve("models"));
        String html = Files.readString(run.resolve("report.html"));

        for (String section : new String[] {"id=\"summary\"", "id=\"quality\"", "id=\"statistics\"", "id=\"segments\"",
                "id=\"charts\"", "id=\"centroids\"", "Business figures", "Average purchase value"}) {
            assertTrue(html.contains(section), section);
        }
        Matcher images = Pattern.compile("<img src=\"([^\"]+)\"").matcher(html);
        int count = 0;
        while (images.find()) {
            count++;
            assertTrue(Files.size(run.resolve(images.group(1))) > 1000, images.group(1) + " exists");
            assertFalse(images.group(1).startsWith("/"), "relative, so the folder can be zipped and moved");
        }
        assertEquals(3 + 2 * 4, count, "projection, sizes, profile, and a box plot and histogram per feature");
        JsonNode summary = new ObjectMapper().readTree(run.resolve("summary.json").toFile());
        assertTrue(summary.at("/timingsMs").has("report"), "the report's time is in the summary");
        for (JsonNode segment : summary.at("/segments")) {
            int index = segment.get("id").asInt() - 1;
            assertTrue(html.contains("data-segment-id=\"" + segment.get("id").asInt() + "\" style=\"border-top-color: "
                    + SegmentPalette.hex(index) + "\""), "card of segment " + segment.get("id") + " in its chart colour");
        }
    }

    @Test
    void textFromTheInputAppearsAsTextNeverAsMarkup() throws IOException {
        StringBuilder csv = new StringBuilder(Files.readString(generated(800)));
        csv.append("<script>alert('id')</script>,10,-1,3,2025-01-01\n"); // quarantined: negative count
        csv.append("C-x,<img src=x onerror=alert(1)>,1,3,2025-01-01\n"); // quarantined: not a number
        Path input = Files.writeString(dir.resolve("shop <b>bold.csv"), csv);

        Path run = segment(input, "--out", dir.resolve("run").toString());
        String html = Files.readString(run.resolve("report.html"));

        assertTrue(html.contains("&lt;script&gt;alert(&#39;id&#39;)&lt;/script&gt;"), "the id is shown, escaped");
        assertTrue(html.contains("&lt;img src"), "the cell is shown, escaped");
        assertTrue(html.contains("shop &lt;b&gt;bold.csv"), "the file name is escaped");
        assertFalse(html.contains("<script>"), "no script element reaches the page");
        assertFalse(html.contains("<img src=x"), "no injected element reaches the page");
        assertFalse(html.contains("<b>bold"), "no injected markup");
    }

    @Test
    void aLargePopulationIsSampledInTheScatterAndTheCaptionSaysSo() throws IOException {
        Path run = segment(generated(3000), "--out", dir.resolve("run").toString(),
                "--set", "segmentation.report.scatter-sample=500");
        String html = Files.readString(run.resolve("report.html"));
        assertTrue(html.contains("A seeded random sample of 500 of 2,99"), "caption names the sample");
    }

    @Test
    void aPoorSegmentationSaysSoInTheSummaryTheReportAndTheTable() throws IOException {
        Path out = dir.resolve("run");
        String table = Cli.ok("segment", generated(1000).toString(), "--out", out.toString(),
                "--set", "segmentation.quality.min-silhouette=0.95");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        assertTrue(summary.at("/quality/poor").asBoolean());
        assertTrue(summary.at("/quality/silhouette").asDouble() < 0.95);
        assertEquals(5, summary.at("/stability/resamples").asInt(), "stability is reported with every run");
        assertTrue(summary.at("/warnings").toString().contains("poor segmentation: silhouette"), summary.at("/warnings").toString());
        assertTrue(Files.readString(out.resolve("report.html")).contains("These segments look poor."));
        assertTrue(table.contains("Warning: poor segmentation: silhouette"), table);
    }

    @Test
    void automaticKLeavesItsEvidenceInTheSummaryAndAChartInTheReport() throws IOException {
        Path out = dir.resolve("run");
        Cli.ok("segment", generated(3000).toString(), "--out", out.toString(), "--set", "segmentation.cluster.k=auto");
        JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        JsonNode selection = summary.get("kSelection");
        assertEquals("calinski-harabasz", selection.get("criterion").asText());
        assertEquals(selection.get("chosenK").asInt(), summary.at("/algorithm/k").asInt(), "the chosen k is the k used");
        assertEquals(4, selection.get("chosenK").asInt(), "the generator planted 4");
        assertEquals(9, selection.get("scores").size(), "k = 2 to 10");
        assertTrue(selection.get("silhouetteSample").asInt() <= selection.get("evaluatedOn").asInt());
        for (JsonNode score : selection.get("scores")) {
            for (String field : new String[] {"sse", "silhouette", "calinskiHarabasz", "daviesBouldin", "stabilityMean", "stabilityMin"}) {
                assertTrue(score.get(field).isNumber(), "k = " + score.get("k") + " has " + field);
            }
        }
        assertTrue(selection.get("reason").asText().startsWith("k = 4 has the highest Calinski-Harabasz index"));
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("charts/k-selection.png") && Files.exists(out.resolve("charts/k-selection.png")));
        assertTrue(html.contains("k &#61; 4 has the highest Calinski-Harabasz index"), "the reason in words (= is escaped)");
    }

    @Test
    void everyRestartSeedIsRecorded() throws IOException {
        Path out = dir.resolve("run");
        Cli.ok("segment", generated(800).toString(), "--out", out.toString(), "--no-report");
        JsonNode algorithm = new ObjectMapper().readTree(out.resolve("summary.json").toFile()).get("algorithm");
        assertEquals("[42,43,44,45,46]", algorithm.get("restartSeeds").toString());
    }

    @Test
    void noReportSkipsTheReport() throws IOException {
        Path run = segment(generated(500), "--out", dir.resolve("run").toString(), "--no-report");
        assertFalse(Files.exists(run.resolve("report.html")));
        assertFalse(Files.exists(run.resolve("charts")));
        assertTrue(Files.exists(run.resolve("summary.json")));
    }

    @Test
    void sampleIsSeededSortedAndWithoutRepeats() {
        int[] a = io.segmentflow.model.SeededSample.rows(10_000, 300, 42);
        int[] b = io.segmentflow.model.SeededSample.rows(10_000, 300, 42);
        assertEquals(300, a.length);
        assertTrue(java.util.Arrays.equals(a, b));
        for (int i = 1; i < a.length; i++) assertTrue(a[i] > a[i - 1], "sorted, no repeats");
        assertEquals(50, io.segmentflow.model.SeededSample.rows(50, 300, 42).length, "everyone when below the limit");
    }

    private Path generated(int customers) {
        Path file = dir.resolve("customers-" + customers + ".csv");
        Cli.ok("generate", "--customers", Integer.toString(customers), "--seed", "5", "--out", file.toString());
        return file;
    }

    private Path segment(Path input, String... options) {
        String[] args = new String[options.length + 2];
        args[0] = "segment";
        args[1] = input.toString();
        System.arraycopy(options, 0, args, 2, options.length);
        Cli.ok(args);
        return Path.of(options[1]);
    }
}
