package io.segmentflow.demo;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringWriter;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's optional contact columns: example.com only, some opted out, the other columns unchanged. */
class DemoContactsTest {

    @Test
    void addressesAreUnderExampleComOnlyAndAFewOptOut() throws IOException {
        List<String> lines = write(new DemoCustomerGenerator(42, true), 5000);

        assertEquals("customer_id,total_spent,purchase_count,avg_session_time,last_purchase_date,email,opt_out,name", lines.get(0));
        int optedOut = 0, withAddress = 0;
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            String email = cells[5];
            assertTrue(email.isEmpty() || email.endsWith("example.com"), "only example.com: " + email);
            if (email.contains("@")) withAddress++;
            if (cells[6].equals("yes")) optedOut++;
        }
        assertTrue(optedOut > 150 && optedOut < 350, "about 5% opted out: " + optedOut);
        assertTrue(withAddress > 4850, "nearly everyone has an address: " + withAddress);
    }

    @Test
    void theOtherColumnsAreTheSameBytesAsWithoutContacts() throws IOException {
        List<String> plain = write(new DemoCustomerGenerator(7), 2000);
        List<String> contacts = write(new DemoCustomerGenerator(7, true), 2000);

        for (int i = 1; i < plain.size(); i++) {
            assertTrue(contacts.get(i).startsWith(plain.get(i) + ","), "row " + i);
        }
    }

    private static List<String> write(DemoCustomerGenerator generator, int n) throws IOException {
        StringWriter out = new StringWriter();
        generator.write(out, n, 4);
        return out.toString().lines().toList();
    }
}
