package io.segmentflow.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Like DigestInputStream, but the digest is computed on a thread of its own while the caller
 * parses: SHA-256 of a million-customer file is about a third of a second of CPU (more when the
 * JIT stops at C1, which has no SHA intrinsic), time the parser no longer waits for. Each read's
 * bytes are copied into a bounded queue, so at most {@value #QUEUED} chunks are held at once.
 */
final class HashingInputStream extends FilterInputStream {
    private static final int QUEUED = 64;
    private static final byte[] END = new byte[0];

    private final MessageDigest digest;
    private final BlockingQueue<byte[]> chunks = new ArrayBlockingQueue<>(QUEUED);
    private final Thread hasher;
    private boolean ended;

    HashingInputStream(InputStream in, MessageDigest digest) {
        super(in);
        this.digest = digest;
        this.hasher = new Thread(this::hashUntilEnd, "input-sha256");
        hasher.setDaemon(true);
        hasher.start();
    }

    private void hashUntilEnd() {
        try {
            for (byte[] chunk = chunks.take(); chunk != END; chunk = chunks.take()) digest.update(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closed before the end: the digest is not wanted
        }
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        if (b >= 0) hand(new byte[] {(byte) b});
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        if (n > 0) hand(Arrays.copyOfRange(b, off, off + n));
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        byte[] skipped = new byte[(int) Math.min(n, 1 << 16)];
        int read = read(skipped, 0, skipped.length); // skipped bytes are hashed too
        return Math.max(read, 0);
    }

    @Override
    public boolean markSupported() {
        return false;
    }

    /** The digest of every byte read so far; reading further is an error. */
    byte[] digest() {
        end();
        try {
            hasher.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while hashing the input", e);
        }
        return digest.digest();
    }

    @Override
    public void close() throws IOException {
        if (!ended) hasher.interrupt(); // given up part way: stop hashing
        super.close();
    }

    private void end() {
        if (ended) return;
        ended = true;
        put(END);
    }

    private void hand(byte[] chunk) {
        if (ended) throw new IllegalStateException("read after the digest was taken");
        put(chunk);
    }

    private void put(byte[] chunk) {
        try {
            chunks.put(chunk);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the input", e);
        }
    }
}
