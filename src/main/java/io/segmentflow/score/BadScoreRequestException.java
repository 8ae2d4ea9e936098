package io.segmentflow.score;

/** A scoring request that cannot be scored as sent; the message says what to fix. */
public final class BadScoreRequestException extends IllegalArgumentException {
    public BadScoreRequestException(String message) {
        super(message);
    }
}
