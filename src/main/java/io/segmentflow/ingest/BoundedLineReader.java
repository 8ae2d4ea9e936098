package io.segmentflow.ingest;

import java.io.FilterReader;
import java.io.IOException;
import java.io.Reader;

/**
 * Fails fast on a physical line longer than the limit, so a 1 GB file without line breaks (or an
 * unterminated quote swallowing the rest of a file) is rejected instead of filling the heap.
 * Also counts lines, for error messages that name where the reader stopped.
 */
final class BoundedLineReader extends FilterReader {
    private final int maxLineLength;
    private int currentLength;
    private long line = 1;
    private boolean afterCr;

    BoundedLineReader(Reader in, int maxLineLength) {
        super(in);
        this.maxLineLength = maxLineLength;
    }

    @Override
    public int read() throws IOException {
        int c = super.read();
        if (c >= 0) track((char) c);
        return c;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        int n = super.read(buf, off, len);
        for (int i = off; i < off + n; i++) track(buf[i]);
        return n;
    }

    private void track(char c) throws LineTooLongException {
        boolean crlf = afterCr && c == '\n';
        afterCr = c == '\r';
        if (c == '\r' || c == '\n') {
            // CR, LF and CRLF each end one line, as commons-csv counts them
            currentLength = 0;
            if (!crlf) line++;
        } else if (++currentLength > maxLineLength) {
            throw new LineTooLongException(line, maxLineLength);
        }
    }

    /** The physical line being read, 1-based. */
    long line() {
        return line;
    }

    static final class LineTooLongException extends IOException {
        LineTooLongException(long line, int max) {
            super("line " + line + " is longer than " + max + " characters (segmentation.input.max-line-length)");
        }
    }
}
