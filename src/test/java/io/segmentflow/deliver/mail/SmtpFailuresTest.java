package io.segmentflow.deliver.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.internet.InternetAddress;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which send failures are retried, and what the ledger and report keep of them. */
class SmtpFailuresTest {
    private final SmtpFailures failures = new SmtpFailures();

    @Test
    void aRefusedRecipientIsTransientFor4xxAndPermanentFor5xx() throws Exception {
        InternetAddress a = new InternetAddress("a@example.com");
        assertTrue(failures.isTransient(refused(a, 451)));
        assertFalse(failures.isTransient(refused(a, 550)));
        assertEquals(550, SmtpFailures.replyCode(new RuntimeException("wrapped", refused(a, 550))));
    }

    @Test
    void aLostConnectionOrA421GreetingIsTransient() {
        assertTrue(failures.isTransient(new MessagingException("Could not connect to SMTP host", new ConnectException("refused"))));
        assertTrue(failures.isTransient(new MessagingException("Got bad greeting from SMTP host: h, port: 25, response: 421 busy")));
        assertFalse(failures.isTransient(new MessagingException("Got bad greeting from SMTP host: h, port: 25, response: 554 go away")));
    }

    @Test
    void errorTextsKeepTheReasonButNotTheAddress() {
        assertEquals("550 5.1.1 <[address removed]>: no such user", MailLedger.redact("550 5.1.1 <ann.lee@example.com>: no such user"));
        assertNull(MailLedger.redact(null));
    }

    @Test
    void onlyOnePlainAddressIsUsable() {
        assertNull(Recipients.problem("ann.lee@example.com"));
        assertEquals("no e-mail address", Recipients.problem(" "));
        assertEquals("control characters in the e-mail address", Recipients.problem("a@example.com\r\nBcc: b@evil.example"));
        assertEquals("not a single plain e-mail address", Recipients.problem("Ann <ann@example.com>"));
        assertEquals("invalid e-mail address", Recipients.problem("a@example.com, b@example.com"));
        assertEquals("invalid e-mail address", Recipients.problem("ann.example.com"));
        assertEquals("the e-mail domain is not a public name", Recipients.problem("root@localhost"));
    }

    private static SendFailedException refused(InternetAddress a, int code) {
        SMTPAddressFailedException cause = new SMTPAddressFailedException(a, "RCPT TO:<" + a.getAddress() + ">", code, code + " no");
        return new SendFailedException("Invalid Addresses", cause);
    }
}
