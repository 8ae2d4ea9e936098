package io.segmentflow.model;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Objects;

/**
 * What started a run.
 *
 * @param runId     unique per run: start time plus the start of the input's SHA-256
 * @param inputName the input's file name (never used to build output paths)
 * @param sha256    hex SHA-256 of the input bytes
 * @param startedAt when the run started
 * @param outputDir exactly where the results go, or null for {@code <output root>/<runId>}
 * @param facts     what a profiled reader detected and how transactions were counted ({@link InputFacts#NONE} otherwise)
 */
public record RunRequest(String runId, String inputName, String sha256, Instant startedAt, Path outputDir, InputFacts facts) {
    public RunRequest(String runId, String inputName, String sha256, Instant startedAt, Path outputDir) {
        this(runId, inputName, sha256, startedAt, outputDir, InputFacts.NONE);
    }

    public RunRequest {
        facts = facts == null ? InputFacts.NONE : facts;
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(inputName, "inputName");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(startedAt, "startedAt");
    }
}
