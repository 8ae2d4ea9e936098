package io.segmentflow.ingest;

import java.io.InputStream;

/** A given number of LF bytes: stands in for lines already read, so a parser counts lines from the file's start. */
final class LineBreaks extends InputStream {
    private long left;

    LineBreaks(long count) {
        this.left = count;
    }

    @Override
    public int read() {
        if (left == 0) return -1;
        left--;
        return '\n';
    }

    @Override
    public int read(byte[] b, int off, int len) {
        if (len == 0) return 0;
        if (left == 0) return -1;
        int n = (int) Math.min(len, left);
        java.util.Arrays.fill(b, off, off + n, (byte) '\n');
        left -= n;
        return n;
    }
}
