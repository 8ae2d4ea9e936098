package io.segmentflow.ingest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where inbox files end up: {@code .done/}, {@code .failed/} (beside a {@code <name>.error.txt}) or
 * {@code .duplicates/}. A name already taken there gets a counter, so an earlier file is never
 * overwritten.
 *
 * @param inbox the watched folder; the archive folders are inside it
 */
public record InboxArchive(Path inbox, String doneDir, String failedDir, String duplicatesDir) {
    private static final Logger LOG = LoggerFactory.getLogger(InboxArchive.class);

    /** A name free in every archive folder, so the file and its error note pair up whatever happens. */
    public String freeName(String fileName) {
        String base = Path.of(fileName).getFileName().toString();
        String candidate = base;
        int dot = base.lastIndexOf('.');
        String stem = dot > 0 ? base.substring(0, dot) : base;
        String ext = dot > 0 ? base.substring(dot) : "";
        for (int i = 2; taken(candidate); i++) {
            candidate = stem + "-" + i + ext;
        }
        return candidate;
    }

    private boolean taken(String name) {
        return Files.exists(inbox.resolve(doneDir).resolve(name)) || Files.exists(inbox.resolve(failedDir).resolve(name))
                || Files.exists(inbox.resolve(duplicatesDir).resolve(name));
    }

    /** Writes the one-line reason beside the file that is about to be moved to the failed folder. */
    public void recordFailure(String archivedName, Throwable cause) {
        String reason = oneLine(cause);
        Path note = inbox.resolve(failedDir).resolve(archivedName + ".error.txt");
        try {
            Files.createDirectories(note.getParent());
            Files.writeString(note, reason + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + note, e);
        }
        LOG.warn("Rejected {}: {}", archivedName, reason);
    }

    static String oneLine(Throwable cause) {
        Throwable t = cause;
        while (!(t instanceof io.segmentflow.model.InputRejectedException) && t.getCause() != null) {
            t = t.getCause();
        }
        String message = t instanceof io.segmentflow.model.InputRejectedException
                ? t.getMessage() : "internal error: " + cause + " (see the log)";
        return message.replaceAll("[\\r\\n]+", " ").trim();
    }
}
