package io.segmentflow.deliver;

import java.nio.file.Path;
import java.util.Map;

/**
 * @param root     runs go to {@code root/<run-id>/} unless a run names its own folder
 * @param versions component versions recorded in every summary
 */
public record OutputSettings(Path root, Map<String, String> versions) {
    public OutputSettings {
        versions = Map.copyOf(versions);
    }
}
