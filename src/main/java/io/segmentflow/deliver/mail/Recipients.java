package io.segmentflow.deliver.mail;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/** One plain address (local@domain), strictly parsed: no display name, no list, no control characters. */
final class Recipients {
    private Recipients() {
    }

    /** null when the address is usable, else why not (never the address itself). */
    static String problem(String address) {
        if (address == null || address.isBlank()) return "no e-mail address";
        for (int i = 0; i < address.length(); i++) {
            if (Character.isISOControl(address.charAt(i))) return "control characters in the e-mail address";
        }
        try {
            InternetAddress parsed = new InternetAddress(address.trim(), true);
            parsed.validate();
            if (!parsed.getAddress().equals(address.trim()) || parsed.getPersonal() != null) {
                return "not a single plain e-mail address";
            }
            String domain = parsed.getAddress().substring(parsed.getAddress().indexOf('@') + 1);
            if (!domain.contains(".") || domain.startsWith("[")) return "the e-mail domain is not a public name";
            return null;
        } catch (AddressException e) {
            return "invalid e-mail address";
        }
    }

    static InternetAddress parse(String address) throws AddressException {
        String problem = problem(address);
        if (problem != null) throw new AddressException(problem);
        return new InternetAddress(address.trim(), true);
    }
}
