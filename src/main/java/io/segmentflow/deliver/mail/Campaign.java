package io.segmentflow.deliver.mail;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * One campaign from configuration.
 *
 * @param id           the ledger key (lower-case letters, digits and dashes)
 * @param segments     the segment names it targets (compared case-insensitively; "Regular 2" matches "Regular 2")
 * @param templateDir  the folder with subject.mustache, body.txt.mustache and body.html.mustache
 * @param holdoutShare the share of target customers kept as a control group (0 to 0.5)
 */
public record Campaign(String id, List<String> segments, Path templateDir, double holdoutShare) {
    /** The ledger's campaign id for the per-run summary mail. */
    public static final String RUN_SUMMARY = "run-summary";

    public Campaign {
        if (!id.matches("[a-z0-9][a-z0-9-]{0,99}") || id.equals(RUN_SUMMARY)) {
            throw new IllegalArgumentException("segmentation.mail.campaigns: '" + id
                    + "' is not a valid campaign id (lower-case letters, digits and dashes; not " + RUN_SUMMARY + ")");
        }
        if (segments.isEmpty()) {
            throw new IllegalArgumentException("segmentation.mail.campaign." + id + ".segments names no segment");
        }
        if (!(holdoutShare >= 0 && holdoutShare <= 0.5)) {
            throw new IllegalArgumentException("segmentation.mail.campaign." + id + ".holdout-share must be between 0 and 0.5, was "
                    + holdoutShare);
        }
        segments = segments.stream().map(s -> s.trim().toLowerCase(Locale.ROOT)).toList();
    }

    public boolean targets(String segmentName) {
        return segments.contains(segmentName.trim().toLowerCase(Locale.ROOT));
    }
}
