package io.segmentflow.history;

/**
 * A rule that fired on a run, as sent to the alert endpoint (JSON).
 *
 * @param rule          the rule's name in configuration (or "drift")
 * @param runId         the run that made it fire
 * @param previousRunId the run it was compared with
 * @param message       one line a person can act on
 * @param count         the customers counted (or 0 for drift)
 * @param threshold     the rule's limit
 */
public record Alert(String rule, String runId, String previousRunId, String message, long count, long threshold) {
}
