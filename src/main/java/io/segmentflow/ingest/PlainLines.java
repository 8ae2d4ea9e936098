package io.segmentflow.ingest;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;

/**
 * Hands out the physical lines of a CSV as byte ranges for as long as they are plain: printable
 * ASCII (tab allowed), no quote, no CR, not empty, not longer than the line limit. At the first
 * line that is anything else it stops, and {@link #remainder()} gives that line and everything after
 * it, for the full parser. Every line before it ended at a LF and held no quote, so the full parser
 * would have read the same records from it; the two together read a file exactly as the full parser
 * alone would.
 */
final class PlainLines {
    /**
     * The bytes a plain line cannot hold, and the LF that ends one: controls other than tab, the
     * quote, DEL, and every byte from 0x80 up (non-ASCII, maybe not UTF-8).
     */
    private static final boolean[] NOT_PLAIN_TEXT = new boolean[256];

    static {
        for (int c = 0; c < 256; c++) NOT_PLAIN_TEXT[c] = c < 0x20 && c != '\t' || c == '"' || c >= 0x7F;
    }

    private final InputStream source;
    private final int maxLineLength;
    private byte[] buf;
    private int start;   // first byte not yet handed out
    private int limit;   // end of the bytes read into buf
    private boolean endOfInput;
    private boolean stopped;
    private long bytesBeforeBuf;
    private long lines;
    private int lineStart;
    private int lineEnd;

    PlainLines(InputStream source, int maxLineLength) {
        this.source = source;
        this.maxLineLength = maxLineLength;
        this.buf = new byte[Math.max(1 << 16, maxLineLength + 2)]; // small: an endless line is refused after about this much
    }

    /** Advances to the next plain line; false at the end of the input or at a line that is not plain. */
    boolean next() throws IOException {
        if (stopped) return false;
        int scanned = start;
        while (true) {
            byte[] b = buf;
            int end = limit;
            // one table lookup per byte; the rare bytes that end the line or the plain lines are told apart after
            for (int i = scanned; i < end; i++) {
                if (NOT_PLAIN_TEXT[b[i] & 0xFF]) {
                    if (b[i] != '\n' || i == start || i - start > maxLineLength) return stop(); // blank lines too: the full parser counts them
                    lineStart = start;
                    lineEnd = i;
                    start = i + 1;
                    lines++;
                    return true;
                }
            }
            scanned = end;
            if (endOfInput) {
                if (start == limit || limit - start > maxLineLength) return stop();
                lineStart = start; // the last line, without a line break
                lineEnd = limit;
                start = limit;
                lines++;
                return true;
            }
            scanned -= start;
            if (!fill()) return stop(); // a line longer than the buffer: leave it to the full parser
        }
    }

    private boolean stop() {
        stopped = true;
        return false;
    }

    /** Moves the current partial line to the front and reads more; false if the buffer is full. */
    private boolean fill() throws IOException {
        if (start > 0) {
            System.arraycopy(buf, start, buf, 0, limit - start);
            bytesBeforeBuf += start;
            limit -= start;
            start = 0;
        }
        if (limit == buf.length) return false;
        int n = source.read(buf, limit, buf.length - limit);
        if (n < 0) {
            endOfInput = true;
        } else {
            limit += n;
        }
        return true;
    }

    byte[] buffer() {
        return buf;
    }

    int lineStart() {
        return lineStart;
    }

    int lineEnd() {
        return lineEnd;
    }

    /** Physical lines handed out so far; the current one is line number {@code lines()}. */
    long lines() {
        return lines;
    }

    /** True when every line of the input was plain and has been handed out. */
    boolean exhausted() {
        return endOfInput && start == limit;
    }

    /** Bytes of the input before {@link #remainder()}. */
    long bytesConsumed() {
        return bytesBeforeBuf + start;
    }

    /** The input from the first line not handed out. */
    InputStream remainder() {
        // SequenceInputStream closes each stream it finishes; the source belongs to the caller
        InputStream unclosed = new FilterInputStream(source) {
            @Override
            public void close() {
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(buf, start, limit - start), unclosed);
    }
}
