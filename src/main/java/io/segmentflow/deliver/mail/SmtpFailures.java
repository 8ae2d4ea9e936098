package io.segmentflow.deliver.mail;

import jakarta.mail.MessagingException;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.util.MailConnectException;

import java.io.IOException;

/**
 * Sorts a send failure into transient (retry with back-off: a 4xx answer, a lost connection) and
 * permanent (record as FAILED: a 5xx answer). The SMTP reply code decides when there is one.
 */
public final class SmtpFailures {

    /** true = worth retrying. */
    public boolean isTransient(Exception failure) {
        int code = replyCode(failure);
        if (code >= 500) return false;
        if (code >= 400) return true;
        return connectionProblem(failure);
    }

    /** A reply quoted in a message, as Angus reports a bad greeting: "... response: 421 ...". */
    private static final java.util.regex.Pattern QUOTED_REPLY = java.util.regex.Pattern.compile("response: ([45]\\d\\d)\\b");

    /** The first SMTP reply code found in the failure (nested exceptions included), or -1. */
    static int replyCode(Throwable failure) {
        int code = typedReplyCode(failure);
        if (code > 0) return code;
        for (Throwable t = failure; t != null; t = next(t)) {
            java.util.regex.Matcher m = QUOTED_REPLY.matcher(String.valueOf(t.getMessage()));
            if (m.find()) return Integer.parseInt(m.group(1));
        }
        return -1;
    }

    private static int typedReplyCode(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof SMTPAddressFailedException a) return a.getReturnCode();
            if (t instanceof SMTPSendFailedException s) {
                int nested = s.getNextException() == null ? -1 : typedReplyCode(s.getNextException());
                return nested > 0 ? nested : s.getReturnCode();
            }
            if (t instanceof jakarta.mail.SendFailedException f && f.getNextException() != null) {
                int nested = typedReplyCode(f.getNextException());
                if (nested > 0) return nested;
            }
        }
        return -1;
    }

    private static boolean connectionProblem(Throwable failure) {
        for (Throwable t = failure; t != null; t = next(t)) {
            if (t instanceof MailConnectException || t instanceof IOException) return true;
        }
        return false;
    }

    private static Throwable next(Throwable t) {
        if (t.getCause() != null && t.getCause() != t) return t.getCause();
        return t instanceof MessagingException m ? m.getNextException() : null;
    }
}
