package io.segmentflow;

/** The only exchange headers Segmentflow sets; data travels in the body as a SegmentationRun. */
public final class RouteHeaders {
    /** Hex SHA-256 of an inbox file: its idempotency key. */
    public static final String INPUT_SHA256 = "SegmentflowInputSha256";
    /** Exactly where a run's results go (segment --out DIR); absent means the configured output root. */
    public static final String OUTPUT_DIR = "SegmentflowOutputDir";

    private RouteHeaders() {
    }
}
