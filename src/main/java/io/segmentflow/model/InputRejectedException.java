package io.segmentflow.model;

/**
 * The whole input cannot be used: empty, no data rows, a required column missing, not UTF-8 text,
 * too many unusable rows, fewer distinct customers than segments. The message is one line a person
 * understands; it ends up in {@code <file>.error.txt} or on stderr with exit code 3.
 */
public class InputRejectedException extends RuntimeException {
    public InputRejectedException(String message) {
        super(message);
    }

    public InputRejectedException(String message, Throwable cause) {
        super(message, cause);
    }
}
