package io.segmentflow.deliver.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The embedded transport: each message as an .eml file (RFC 822, as a mail client opens it) in
 * {@code <outbox>/<campaign>/<customer>.eml}, written under a temporary name and renamed, so a
 * half-written file never appears.
 */
public final class MailOutbox {
    private final Path dir;

    public MailOutbox(Path dir) {
        this.dir = dir;
    }

    public Path write(MimeMessage message, MailJob job) throws IOException, MessagingException {
        Path folder = Files.createDirectories(dir.resolve(job.campaignId()));
        Path target = folder.resolve(fileStem(job.customerId()) + ".eml");
        Path temp = folder.resolve("." + target.getFileName() + ".partial");
        try (OutputStream out = Files.newOutputStream(temp)) {
            message.writeTo(out);
        }
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return target;
    }

    /** A safe file name: the id itself when it is plain, else its plain characters and a hash. */
    static String fileStem(String customerId) {
        String plain = customerId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (plain.equals(customerId) && !plain.startsWith(".") && plain.length() <= 100) return plain;
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(customerId.getBytes(StandardCharsets.UTF_8));
            return plain.substring(0, Math.min(60, plain.length())).replaceFirst("^\\.+", "_") + "-"
                    + HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new UncheckedIOException(new IOException(e));
        }
    }
}
