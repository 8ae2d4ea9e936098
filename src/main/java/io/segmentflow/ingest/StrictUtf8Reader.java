package io.segmentflow.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Decodes UTF-8 and stops exactly at the first invalid byte. InputStreamReader decodes in blocks
 * and fails a whole block at once, so it cannot say where the bad bytes are; this reader hands out
 * every character before them first, so the error can name the line and the byte offset. A leading
 * byte order mark is dropped.
 */
final class StrictUtf8Reader extends Reader {
    private final InputStream in;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16).flip();
    private long bytesBeforeBuffer;
    private boolean endOfInput;
    private boolean atStart = true;
    private boolean finished;

    StrictUtf8Reader(InputStream in) {
        this(in, 0);
    }

    /**
     * Decodes a stream whose first byte is byte {@code offset} of the file (the fast path read the
     * ones before): offsets in errors count from the start of the file, and a byte order mark is
     * only dropped at the very start.
     */
    StrictUtf8Reader(InputStream in, long offset) {
        this.in = in;
        this.bytesBeforeBuffer = offset;
        this.atStart = offset == 0;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (len == 0) return 0;
        if (finished) return -1; // the decoder is flushed and must not be used again
        CharBuffer out = CharBuffer.wrap(buf, off, len);
        while (true) {
            CoderResult result = decoder.decode(bytes, out, endOfInput);
            int produced = out.position() - off;
            if (result.isError()) {
                if (produced > 0) return produced; // the error is raised on the next call, after these
                throw new NotUtf8Exception(bytesBeforeBuffer + bytes.position());
            }
            if (produced > 0 && atStart) {
                atStart = false;
                if (buf[off] == '\uFEFF') { // a byte order mark is not part of the first header name
                    System.arraycopy(buf, off + 1, buf, off, produced - 1);
                    out.position(out.position() - 1);
                    if (--produced == 0) continue;
                }
            }
            if (result.isOverflow() || produced > 0) return produced;
            if (endOfInput) {
                decoder.flush(out);
                finished = true;
                return out.position() > off ? out.position() - off : -1;
            }
            refill();
        }
    }

    private void refill() throws IOException {
        bytesBeforeBuffer += bytes.position();
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            endOfInput = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }

    static final class NotUtf8Exception extends IOException {
        final long byteOffset;

        NotUtf8Exception(long byteOffset) {
            super("invalid UTF-8 at byte " + byteOffset);
            this.byteOffset = byteOffset;
        }
    }
}
