package io.segmentflow;

import io.segmentflow.ingest.InboxArchive;
import io.segmentflow.model.Folders;
import io.segmentflow.model.InputRejectedException;
import io.segmentflow.model.SegmentationRun;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Files dropped into {@code inbox/NAME/}, or into the inbox under a name matching
 * {@code segmentation.inbox.profile-pattern.NAME}, are segmented with profile NAME, exactly as
 * {@code segment FILE --profile NAME} would: a profile changes the beans of every stage (reader,
 * features, scaling, k, names), so each such file runs in its own short-lived Segmentflow context
 * with the service's settings plus the profile's, through the same ingest, segment and deliver
 * routes. Neither the inbox, the schedule, the scoring inbox nor the API starts twice.
 */
public final class ProfileInbox {
    private static final Logger LOG = LoggerFactory.getLogger(ProfileInbox.class);

    private final CamelContext service;
    private final Path inbox;
    private final String doneDir;
    private final String failedDir;
    private final String duplicatesDir;
    private final Map<String, Pattern> namePatterns;

    /**
     * @param inbox        the service's inbox; each profile folder in it has its own done, failed and duplicates folders
     * @param namePatterns profile -> the file names in the inbox itself that run with it, in order
     */
    public ProfileInbox(CamelContext service, Path inbox, String doneDir, String failedDir, String duplicatesDir,
                        Map<String, String> namePatterns) {
        this.service = service;
        this.namePatterns = new LinkedHashMap<>();
        namePatterns.forEach((profile, regex) -> {
            try {
                this.namePatterns.put(profile, Pattern.compile(regex));
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("segmentation.inbox.profile-pattern." + profile + " is not a valid regex: "
                        + e.getDescription(), e);
            }
        });
        this.inbox = inbox;
        this.doneDir = doneDir;
        this.failedDir = failedDir;
        this.duplicatesDir = duplicatesDir;
    }

    /** A name free in the profile folder's archive folders (see {@link InboxArchive#freeName}). */
    public String freeName(String relativeFileName) {
        return archive(relativeFileName).freeName(relativeFileName);
    }

    /** The one-line reason, beside the file in the profile folder's failed folder. */
    public void recordFailure(String relativeFileName, String archivedName, Throwable cause) {
        archive(relativeFileName).recordFailure(archivedName, cause);
    }

    private InboxArchive archive(String relativeFileName) {
        return new InboxArchive(inbox.resolve(profileOf(relativeFileName)), doneDir, failedDir, duplicatesDir);
    }

    /** The first profile whose file-name pattern matches the whole name, or "" for the default schema. */
    public String profileForName(String fileName) {
        String name = Path.of(fileName).getFileName().toString();
        for (Map.Entry<String, Pattern> e : namePatterns.entrySet()) {
            if (e.getValue().matcher(name).matches()) return e.getKey();
        }
        return "";
    }

    /** The profile of a file consumed from inbox/NAME/: its folder's name. */
    public String profileOf(String relativeFileName) {
        Path parent = Path.of(relativeFileName).getParent();
        if (parent == null) throw new IllegalStateException("not in a profile folder: " + relativeFileName);
        return parent.getFileName().toString();
    }

    /**
     * Segments one file with the named profile and returns the delivered run; a file the run
     * rejects throws the same InputRejectedException the service's own inbox would.
     */
    public SegmentationRun segment(File file, String profile) throws Exception {
        // The service's settings as it resolved them (files, --config, --set), then the profile's on top.
        Map<String, String> overrides = new LinkedHashMap<>();
        var properties = service.getPropertiesComponent();
        for (String key : properties.loadProperties().stringPropertyNames()) {
            properties.resolveProperty(key).ifPresent(v -> overrides.put(key, v));
        }
        try {
            overrides.putAll(Segmentflow.Arguments.profile(profile));
        } catch (IllegalArgumentException e) {
            throw new InputRejectedException("the folder " + profile + "/ names no profile: " + e.getMessage(), e);
        }
        Path scratch = Files.createTempDirectory("segmentflow-profile-");
        overrides.put("camel.main.name", "segmentflow-" + profile);
        // Every delivery route, but no watcher, schedule or port of its own: those stay with the service.
        Segmentflow.singleRun(overrides);
        overrides.put("segmentation.inbox.processed-store", scratch.resolve("processed.txt").toString());
        // The service took stock of the mail ledger when it started; its mails may be on their way now.
        overrides.put("segmentation.mail.recover-at-start", "false");
        LOG.info("Segmenting {} with profile {}", file.getName(), profile);
        try (Launcher launcher = Launcher.start(overrides)) {
            Exchange result = launcher.context().createProducerTemplate().request("direct:ingest-file", exchange -> {
                exchange.getMessage().setBody(file);
                exchange.getMessage().setHeader(Exchange.FILE_NAME, file.getName());
            });
            if (result.getException() != null) throw result.getException();
            return result.getMessage().getBody(SegmentationRun.class);
        } finally {
            Folders.deleteQuietly(scratch);
        }
    }
}
