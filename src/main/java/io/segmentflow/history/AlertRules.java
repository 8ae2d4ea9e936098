package io.segmentflow.history;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmentflow.model.Evolution;
import io.segmentflow.model.SegmentationRun;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Evaluates the configured alert rules, and the drift warnings, on a run's evolution. */
public final class AlertRules {
    private static final Logger LOG = LoggerFactory.getLogger(AlertRules.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<AlertRule> rules;

    public AlertRules(List<AlertRule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** The alerts a run raises: every rule above its threshold, then every drifted segment. None for a first run. */
    public List<Alert> evaluate(SegmentationRun run) {
        Evolution e = run.evolution();
        if (e == null) return List.of();
        String runId = run.request().runId();
        List<Alert> alerts = new ArrayList<>();
        for (AlertRule rule : rules) {
            long count = rule.count(e);
            if (count > rule.threshold()) alerts.add(new Alert(rule.name(), runId, e.previousRunId(), rule.describe(count), count,
                    rule.threshold()));
        }
        for (Evolution.SegmentChange s : e.segments()) {
            if (s.drifted()) {
                alerts.add(new Alert("drift", runId, e.previousRunId(), String.format(Locale.ROOT,
                        "segment %d %s drifted: centroid moved %.2f, share %.1f%% -> %.1f%%", s.id(), s.name(),
                        s.centroidShift(), 100 * s.previousShare(), 100 * s.share()), 0, 0));
            }
        }
        if (!alerts.isEmpty()) LOG.info("Run {} raised {} alert(s)", runId, alerts.size());
        return alerts;
    }

    /** The JSON an alert endpoint receives. */
    public String toJson(Alert alert) {
        try {
            return JSON.writeValueAsString(alert);
        } catch (JsonProcessingException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
