package io.segmentflow.ingest.source;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A feature computed from others, written as a function of feature names:
 * {@code years-since(year_birth)} (the reference date's year minus the value: an age),
 * {@code days-since(dt_customer)} (days from a date to the reference date: a tenure),
 * {@code sum(a, b, ...)}, {@code ratio(a, b)} (a / b; missing when b is 0) and {@code log1p(a)}
 * (log(1 + a), for heavily skewed amounts). A missing input gives a missing result.
 *
 * @param name      the new feature
 * @param function  years-since, days-since, sum, ratio or log1p
 * @param arguments the features it reads
 */
record DerivedFeature(String name, String function, List<String> arguments) {
    private static final Pattern CALL = Pattern.compile("\\s*([a-z0-9-]+)\\s*\\((.*)\\)\\s*");

    DerivedFeature {
        arguments = List.copyOf(arguments);
        int expected = switch (function) {
            case "years-since", "days-since", "log1p" -> 1;
            case "ratio" -> 2;
            case "sum" -> -1;
            default -> throw new IllegalArgumentException("segmentation.source.derive." + name + ": unknown function '" + function
                    + "'; use years-since, days-since, sum, ratio or log1p");
        };
        if (expected > 0 ? arguments.size() != expected : arguments.isEmpty()) {
            throw new IllegalArgumentException("segmentation.source.derive." + name + ": " + function + " takes "
                    + (expected > 0 ? expected : "one or more") + " features, got " + arguments.size());
        }
    }

    static DerivedFeature parse(String name, String text) {
        Matcher m = CALL.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("segmentation.source.derive." + name + ": write function(feature, ...), got '" + text + "'");
        }
        List<String> args = Arrays.stream(m.group(2).split(",")).map(String::trim).filter(a -> !a.isEmpty()).toList();
        return new DerivedFeature(name, m.group(1), args);
    }

    /**
     * @param numeric   numeric features so far (derived ones included, in order)
     * @param dates     date features as epoch days
     * @param reference the reference date
     */
    double[] compute(Map<String, double[]> numeric, Map<String, double[]> dates, LocalDate reference, int rows) {
        double[] out = new double[rows];
        switch (function) {
            case "years-since" -> {
                double[] a = input(numeric, arguments.get(0));
                for (int i = 0; i < rows; i++) out[i] = reference.getYear() - a[i];
            }
            case "days-since" -> {
                double[] a = dates.get(arguments.get(0));
                if (a == null) throw unknown(arguments.get(0), dates);
                for (int i = 0; i < rows; i++) out[i] = reference.toEpochDay() - a[i];
            }
            case "log1p" -> {
                double[] a = input(numeric, arguments.get(0));
                for (int i = 0; i < rows; i++) out[i] = Math.log1p(a[i]);
            }
            case "ratio" -> {
                double[] a = input(numeric, arguments.get(0));
                double[] b = input(numeric, arguments.get(1));
                for (int i = 0; i < rows; i++) out[i] = b[i] == 0 ? Double.NaN : a[i] / b[i];
            }
            default -> { // sum
                for (String argument : arguments) {
                    double[] a = input(numeric, argument);
                    for (int i = 0; i < rows; i++) out[i] += a[i];
                }
            }
        }
        return out;
    }

    private double[] input(Map<String, double[]> numeric, String feature) {
        double[] a = numeric.get(feature);
        if (a == null) throw unknown(feature, numeric);
        return a;
    }

    private IllegalArgumentException unknown(String feature, Map<String, double[]> known) {
        return new IllegalArgumentException("segmentation.source.derive." + name + ": no feature '" + feature + "'; known: "
                + String.join(", ", known.keySet()));
    }
}
