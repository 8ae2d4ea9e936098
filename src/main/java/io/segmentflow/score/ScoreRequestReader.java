package io.segmentflow.score;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmentflow.ingest.InputSchema;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON array of customers in the input schema ({@code customer_id}, the numeric columns as
 * JSON numbers, the date columns as text in the configured date format) into a batch, streaming
 * (no tree of a hundred thousand objects). Strict, as a client wants it: malformed JSON, a missing
 * or unknown field, a wrong type, a negative amount or an impossible date is refused with a message
 * naming the customer and the field.
 */
public final class ScoreRequestReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFactory FACTORY = JSON.getFactory();

    private final InputSchema schema;
    private final Set<String> nonNegative;
    private final int maxCustomers;
    private final List<String> fields;
    private final Map<String, Integer> fieldIndex = new HashMap<>();
    private final DateTimeFormatter dates;

    /**
     * @param nonNegative  columns in which a negative value is refused (as cleaning quarantines it)
     * @param maxCustomers the largest batch one request may hold
     */
    public ScoreRequestReader(InputSchema schema, List<String> nonNegative, int maxCustomers) {
        this.schema = schema;
        this.nonNegative = Set.copyOf(nonNegative);
        this.maxCustomers = maxCustomers;
        this.fields = schema.requiredColumns();
        for (int f = 0; f < fields.size(); f++) fieldIndex.put(fields.get(f), f);
        this.dates = schema.dateFormatter();
    }

    public CustomerBatch read(String body) {
        if (body == null || body.isBlank()) throw new BadScoreRequestException("the body is empty; send a JSON array of customers");
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken first = p.nextToken();
            if (first != JsonToken.START_ARRAY) {
                throw new BadScoreRequestException("the body must be a JSON array of customers, not " + kind(first));
            }
            Columns columns = new Columns();
            JsonToken t;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == null) throw new BadScoreRequestException("the body is not valid JSON: the array is not closed");
                int number = columns.ids.size() + 1;
                if (number > maxCustomers) {
                    throw new BadScoreRequestException("more than " + maxCustomers + " customers in one request"
                            + " (segmentation.api.max-customers); use the scoring inbox for larger files");
                }
                if (t != JsonToken.START_OBJECT) throw new BadScoreRequestException("customer " + number + " is " + kind(t) + ", not an object");
                customer(p, number, columns);
            }
            if (p.nextToken() != null) throw new BadScoreRequestException("the body is not valid JSON: text after the array");
            return columns.batch();
        } catch (JsonProcessingException e) {
            throw new BadScoreRequestException("the body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** From objects another Camel flow has (maps of field to value), checked as strictly as JSON. */
    public CustomerBatch readMaps(List<? extends Map<String, ?>> customers) {
        try {
            return read(JSON.writeValueAsString(customers));
        } catch (JsonProcessingException e) {
            throw new BadScoreRequestException("the customers cannot be written as JSON: " + e.getOriginalMessage());
        }
    }

    private void customer(JsonParser p, int number, Columns columns) throws IOException {
        Object[] values = new Object[fields.size()];
        String where = "customer " + number;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            Integer f = fieldIndex.get(name);
            if (f == null) {
                throw new BadScoreRequestException(where + " has the unknown field '" + name + "'; the fields are "
                        + String.join(", ", fields));
            }
            JsonToken v = p.nextToken();
            if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
                throw new BadScoreRequestException(where + ": " + name + " must be a single value, got " + kind(v));
            }
            values[f] = v == JsonToken.VALUE_NULL ? null
                    : v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT ? (Object) p.getDoubleValue()
                    : v == JsonToken.VALUE_STRING ? p.getText() : new Invalid(p.getText());
        }
        List<String> missing = new ArrayList<>();
        for (int f = 0; f < values.length; f++) if (values[f] == null) missing.add(fields.get(f));
        if (!missing.isEmpty()) throw new BadScoreRequestException(where + " lacks " + String.join(", ", missing));
        Object id = values[0];
        String idText = id instanceof Double d ? (d == Math.rint(d) ? Long.toString(d.longValue()) : d.toString()) : id.toString();
        if (id instanceof Invalid || idText.isBlank()) {
            throw new BadScoreRequestException(where + ": " + schema.idColumn() + " must be a non-empty text");
        }
        where = "customer " + idText;
        int row = columns.ids.size();
        columns.ids.add(idText.trim());
        int f = 1;
        for (String column : schema.numericColumns()) {
            Object v = values[f++];
            if (!(v instanceof Double d) || !Double.isFinite(d)) {
                throw new BadScoreRequestException(where + ": " + column + " must be a number, got " + show(v));
            }
            if (d < 0 && nonNegative.contains(column)) {
                throw new BadScoreRequestException(where + ": " + column + " must not be negative, got " + show(v));
            }
            columns.numeric(column, row, d);
        }
        for (String column : schema.dateColumns()) {
            Object v = values[f++];
            try {
                if (!(v instanceof String text)) throw new DateTimeParseException("not text", String.valueOf(v), 0);
                columns.date(column, row, LocalDate.parse(text.trim(), dates).toEpochDay());
            } catch (DateTimeParseException e) {
                throw new BadScoreRequestException(where + ": " + column + " must be a date written " + schema.dateFormat()
                        + ", got " + show(v));
            }
        }
    }

    private static String show(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : v instanceof Double d && d == Math.rint(d) ? Long.toString(d.longValue())
                : String.valueOf(v);
    }

    private static String kind(JsonToken t) {
        if (t == null) return "nothing";
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case VALUE_STRING -> "a text";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case VALUE_NULL -> "null";
            default -> t.name().toLowerCase(Locale.ROOT);
        };
    }

    /** A value of a kind no field takes (true, false). */
    private record Invalid(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    /** The batch as it grows: primitive columns, doubled when full. */
    private final class Columns {
        final List<String> ids = new ArrayList<>();
        final Map<String, double[]> numeric = new LinkedHashMap<>();
        final Map<String, double[]> dateColumns = new LinkedHashMap<>();

        Columns() {
            schema.numericColumns().forEach(c -> numeric.put(c, new double[64]));
            schema.dateColumns().forEach(c -> dateColumns.put(c, new double[64]));
        }

        void numeric(String column, int row, double v) {
            put(numeric, column, row, v);
        }

        void date(String column, int row, double v) {
            put(dateColumns, column, row, v);
        }

        private void put(Map<String, double[]> columns, String column, int row, double v) {
            double[] values = columns.get(column);
            if (row >= values.length) {
                values = Arrays.copyOf(values, values.length * 2);
                columns.put(column, values);
            }
            values[row] = v;
        }

        CustomerBatch batch() {
            int n = ids.size();
            Map<String, double[]> num = new LinkedHashMap<>(), day = new LinkedHashMap<>();
            numeric.forEach((c, v) -> num.put(c, Arrays.copyOf(v, n)));
            dateColumns.forEach((c, v) -> day.put(c, Arrays.copyOf(v, n)));
            return new CustomerBatch(ids, num, day);
        }
    }
}
