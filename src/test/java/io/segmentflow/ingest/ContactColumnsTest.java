package io.segmentflow.ingest;

import io.segmentflow.model.ContactField;
import io.segmentflow.model.CustomerTable;
import io.segmentflow.model.SegmentationRun;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The optional contact columns: read when present (both parsing paths), absent files work as before. */
class ContactColumnsTest {
    private static final String HEADER = "customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date";
    private static final InputSchema SCHEMA = new InputSchema("customer_id", List.of("total_spent", "purchase_count", "avg_session_time"),
            List.of("last_purchase_date"), "yyyy-MM-dd", ',', Set.of("NA", "N/A", "NULL"), 65536,
            Map.of(ContactField.EMAIL, "Email", ContactField.OPT_OUT, "opt_out", ContactField.NAME, "name", ContactField.CONSENT, ""));

    @Test
    void readsContactsOnThePlainAndTheQuotedPath() {
        SegmentationRun run = read(HEADER + ",email,opt_out,name\n"
                + "c1,10,1,2.5,2024-01-05,ann@example.com,no,Ann\n"
                + "c2,11,2,3.5,2024-01-06,,yes,\"Lee, Bo\"\n"
                + "c3,12,3,4.5,2024-01-07,NULL,N/A,Zoë\n");

        CustomerTable t = run.table();
        assertEquals(3, t.rows());
        assertEquals("ann@example.com", t.text(ContactField.EMAIL, 0));
        assertEquals("no", t.text(ContactField.OPT_OUT, 0));
        assertNull(t.text(ContactField.EMAIL, 1), "an empty cell is missing");
        assertEquals("Lee, Bo", t.text(ContactField.NAME, 1));
        assertNull(t.text(ContactField.EMAIL, 2), "a missing-value token is missing");
        assertEquals("Zoë", t.text(ContactField.NAME, 2));
        assertFalse(t.hasText(ContactField.CONSENT), "no consent column configured");
        assertTrue(run.warnings().isEmpty(), "contact columns are not 'ignored columns': " + run.warnings());
    }

    @Test
    void contactsFollowTheirRowsThroughCleaning() {
        CustomerTable t = read(HEADER + ",email\nc1,10,1,2.5,2024-01-05,a@example.com\nc2,11,2,3.5,2024-01-06,b@example.com\n").table();

        CustomerTable second = t.select(new int[] {1});
        assertEquals("b@example.com", second.text(ContactField.EMAIL, 0));
    }

    @Test
    void aFileWithoutContactColumnsReadsAsBefore() {
        SegmentationRun run = read(HEADER + "\nc1,10,1,2.5,2024-01-05\n");

        assertEquals(1, run.table().rows());
        assertFalse(run.table().hasText(ContactField.EMAIL));
        assertNull(run.table().text(ContactField.EMAIL, 0));
    }

    @Test
    void theDatabaseFlowReadsTheSameColumnsWhenTheQueryReturnsThem() {
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        row.put("CUSTOMER_ID", "c1");
        row.put("TOTAL_SPENT", new java.math.BigDecimal("10.5"));
        row.put("PURCHASE_COUNT", 2);
        row.put("AVG_SESSION_TIME", 3.5);
        row.put("LAST_PURCHASE_DATE", java.sql.Date.valueOf("2024-01-05"));
        row.put("EMAIL", "ann@example.com");
        row.put("OPT_OUT", Boolean.TRUE);
        SegmentationRun run = new SqlCustomerReader(SCHEMA, "database:customers",
                Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"), ZoneOffset.UTC)).read(List.of(row).iterator(), null);

        assertEquals("ann@example.com", run.table().text(ContactField.EMAIL, 0));
        assertEquals("true", run.table().text(ContactField.OPT_OUT, 0));
        assertFalse(run.table().hasText(ContactField.NAME), "the query has no name column");
        assertTrue(run.warnings().isEmpty(), run.warnings().toString());
    }

    private static SegmentationRun read(String csv) {
        return new CsvCustomerReader(SCHEMA, Clock.fixed(Instant.parse("2025-07-01T00:00:00Z"), ZoneOffset.UTC))
                .read(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)), "c.csv", null);
    }
}
