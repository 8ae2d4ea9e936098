package io.segmentflow.ingest;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The digest computed beside the reader is the digest of exactly the bytes read. */
class HashingInputStreamTest {
    @Test
    void hashesEveryByteReadWhateverTheSizeOfTheReads() throws Exception {
        Random random = new Random(8);
        byte[] data = new byte[3_000_000];
        random.nextBytes(data);
        byte[] expected = MessageDigest.getInstance("SHA-256").digest(data);

        HashingInputStream in = new HashingInputStream(new ByteArrayInputStream(data), MessageDigest.getInstance("SHA-256"));
        byte[] buffer = new byte[100_000];
        int total = 0;
        while (true) {
            int choice = random.nextInt(4);
            if (choice == 0) {
                int b = in.read();
                if (b < 0) break;
                assertEquals(data[total] & 0xff, b);
                total++;
            } else if (choice == 1) {
                long skipped = in.skip(1 + random.nextInt(5000));
                if (skipped <= 0 && total == data.length) break;
                total += (int) skipped;
            } else {
                int n = in.read(buffer, random.nextInt(10), 1 + random.nextInt(buffer.length - 10));
                if (n < 0) break;
                total += n;
            }
        }
        assertEquals(data.length, total);
        assertArrayEquals(expected, in.digest());
    }

    @Test
    void closingPartWayStopsTheHashingThread() throws Exception {
        for (int i = 0; i < 20; i++) {
            try (InputStream in = new HashingInputStream(new ByteArrayInputStream(new byte[1 << 20]),
                    MessageDigest.getInstance("SHA-256"))) {
                assertEquals(4096, in.read(new byte[4096]));
            }
        }
        // every hashing thread ends once its stream is closed
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() -> hashers() == 0);
    }

    private static long hashers() {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("input-sha256")).count();
    }
}
