package io.segmentflow.history;

import io.segmentflow.model.Evolution;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One alert rule from configuration, written {@code FROM -> TO > N}: more than N customers moved
 * from segment FROM to segment TO since the previous run. {@code *} as TO means any other segment,
 * so {@code High-Value -> * > 0} fires when any customer left High-Value; as FROM, any segment.
 * Names are compared ignoring case.
 *
 * @param name      the rule's key
 * @param from      a segment name, or *
 * @param to        a segment name, or *
 * @param threshold fires when the count is above it
 */
public record AlertRule(String name, String from, String to, long threshold) {
    private static final Pattern SYNTAX = Pattern.compile("\\s*(.+?)\\s*->\\s*(.+?)\\s*>\\s*(\\d+)\\s*");

    public static AlertRule parse(String name, String text) {
        Matcher m = SYNTAX.matcher(text);
        if (!m.matches()) {
            throw new IllegalArgumentException("segmentation.alerts.rule." + name + " must read 'FROM -> TO > N'"
                    + " (e.g. High-Value -> At-Risk > 100, or High-Value -> * > 0), was '" + text + "'");
        }
        return new AlertRule(name, m.group(1), m.group(2), Long.parseLong(m.group(3)));
    }

    /** Customers who moved as the rule describes (staying in a segment never counts). */
    public long count(Evolution evolution) {
        return evolution.migration().stream()
                .filter(f -> f.fromId() != null && f.toId() != null && !f.fromId().equals(f.toId()))
                .filter(f -> matches(from, f.fromName()) && matches(to, f.toName()))
                .mapToLong(Evolution.Flow::count).sum();
    }

    private static boolean matches(String pattern, String name) {
        return pattern.equals("*") || pattern.equalsIgnoreCase(name);
    }

    public String describe(long count) {
        String target = to.equals("*") ? "other segments" : to;
        String source = from.equals("*") ? "any segment" : from;
        return count + " customers moved from " + source + " to " + target + " (rule " + name + ": more than " + threshold + ")";
    }
}
