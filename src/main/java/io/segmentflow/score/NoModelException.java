package io.segmentflow.score;

/** No run has saved a model yet, so there is nothing to score against. */
public final class NoModelException extends IllegalStateException {
    public NoModelException(String message) {
        super(message);
    }
}
