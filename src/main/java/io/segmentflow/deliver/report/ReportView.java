package io.segmentflow.deliver.report;

import java.util.List;

/**
 * What report.html shows, as pre-formatted text: the template only places values (and escapes
 * them), it never computes or formats. Public, because the template engine reads it by reflection.
 */
public record ReportView(String runId, String inputName, String sha256, String startedAt, List<Fact> runFacts,
                         List<Fact> quality, List<String> qualityConcerns,
                  List<Fact> settings, List<Fact> timings, List<Fact> versions, List<Fact> quarantineReasons,
                  List<Reject> firstRejects, boolean hasMoreRejects, List<Fact> missingFilled, List<StatisticsRow> statistics, List<Fact> businessFigures,
                  List<Card> segments, List<Chart> charts, List<String> centroidHeader, List<CentroidRow> centroids,
                  List<String> warnings) {

    public record Fact(String label, String value) {
    }

    public record Reject(String line, String customerId, String detail) {
    }

    public record StatisticsRow(String feature, String count, String mean, String sd, String min, String q1, String median,
                         String q3, String max) {
    }

    public record Card(String id, String name, String colour, String size, String share, List<String> distinguishing,
                String recommendation, List<Fact> keyStatistics) {
    }

    public record Chart(String file, String title, String caption) {
    }

    public record CentroidRow(String id, String name, String colour, List<String> values) {
    }

    // Mustache sections render once for a non-empty list and not at all for an empty one.
    public boolean hasQuarantine() {
        return !quarantineReasons.isEmpty();
    }

    public int firstRejectCount() {
        return firstRejects.size();
    }

    public boolean poor() {
        return !qualityConcerns.isEmpty();
    }

    public boolean hasBusinessFigures() {
        return !businessFigures.isEmpty();
    }

    public boolean hasWarnings() {
        return !warnings.isEmpty();
    }
}
