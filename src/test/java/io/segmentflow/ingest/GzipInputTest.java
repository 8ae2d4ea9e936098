package io.segmentflow.ingest;

import io.segmentflow.model.SegmentationRun;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A default-schema .csv.gz is read directly, through the same fast reader. */
class GzipInputTest {
    @Test
    void aGzippedFileGivesTheSameCustomersAndTheHashOfTheBytesAsDelivered() throws Exception {
        StringBuilder csv = new StringBuilder("customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date\n");
        for (int i = 0; i < 5000; i++) {
            csv.append("c").append(i).append(',').append(i % 97).append(".5,").append(i % 7).append(",3.25,2024-0")
                    .append(1 + i % 9).append("-1").append(i % 10).append('\n');
        }
        csv.append("c-bad,x,1,2,2024-01-01\n");
        byte[] plain = csv.toString().getBytes(StandardCharsets.UTF_8);
        byte[] gz = gzip(plain);

        SegmentationRun fromPlain = CsvCustomerReaderTest.read(plain);
        SegmentationRun fromGzip = CsvCustomerReaderTest.read(gz);

        assertEquals(5001, fromGzip.rowsRead());
        assertEquals(fromPlain.table(), fromGzip.table());
        assertEquals(fromPlain.quarantine(), fromGzip.quarantine());
        assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(gz)), fromGzip.request().sha256());
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(bytes);
        }
        return out.toByteArray();
    }
}
