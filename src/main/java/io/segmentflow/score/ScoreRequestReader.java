package io.segmentflow.score;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segmentflow.ingest.InputSchema;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads a JSON array of customers in the input schema ({@code customer_id}, the numeric columns as
 * JSON numbers, the date columns as text in the configured date format) into a batch. Strict, as a
 * client wants it: malformed JSON, a missing or unknown field, a wrong type, a negative amount or an
 * impossible date is refused with a message naming the customer and the field.
 */
public final class ScoreRequestReader {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final InputSchema schema;
    private final Set<String> nonNegative;
    private final int maxCustomers;

    /**
     * @param nonNegative  columns in which a negative value is refused (as cleaning quarantines it)
     * @param maxCustomers the largest batch one request may hold
     */
    public ScoreRequestReader(InputSchema schema, List<String> nonNegative, int maxCustomers) {
        this.schema = schema;
        this.nonNegative = Set.copyOf(nonNegative);
        this.maxCustomers = maxCustomers;
    }

    public CustomerBatch read(String body) {
        JsonNode root;
        try {
            root = JSON.readTree(body == null ? "" : body);
        } catch (JsonProcessingException e) {
            throw new BadScoreRequestException("the body is not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        if (root == null || root.isMissingNode()) throw new BadScoreRequestException("the body is empty; send a JSON array of customers");
        if (!root.isArray()) throw new BadScoreRequestException("the body must be a JSON array of customers, not " + kind(root));
        return readArray(root);
    }

    /** From objects another Camel flow has (maps of field to value), checked as strictly as JSON. */
    public CustomerBatch readMaps(List<? extends Map<String, ?>> customers) {
        return readArray(JSON.valueToTree(customers));
    }

    private CustomerBatch readArray(JsonNode array) {
        int n = array.size();
        if (n > maxCustomers) {
            throw new BadScoreRequestException(n + " customers in one request; at most " + maxCustomers
                    + " (segmentation.api.max-customers); use the scoring inbox for larger files");
        }
        List<String> ids = new ArrayList<>(n);
        Map<String, double[]> numeric = new LinkedHashMap<>();
        Map<String, double[]> dates = new LinkedHashMap<>();
        schema.numericColumns().forEach(c -> numeric.put(c, new double[n]));
        schema.dateColumns().forEach(c -> dates.put(c, new double[n]));
        List<String> fields = schema.requiredColumns();
        var formatter = schema.dateFormatter();
        for (int i = 0; i < n; i++) {
            JsonNode customer = array.get(i);
            String where = "customer " + (i + 1);
            if (!customer.isObject()) throw new BadScoreRequestException(where + " is " + kind(customer) + ", not an object");
            for (Iterator<String> names = customer.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                if (!fields.contains(name)) {
                    throw new BadScoreRequestException(where + " has the unknown field '" + name + "'; the fields are "
                            + String.join(", ", fields));
                }
            }
            List<String> missing = fields.stream().filter(f -> !customer.hasNonNull(f)).toList();
            if (!missing.isEmpty()) {
                throw new BadScoreRequestException(where + " lacks " + String.join(", ", missing));
            }
            JsonNode id = customer.get(schema.idColumn());
            if (!id.isTextual() && !id.isIntegralNumber() || id.asText().isBlank()) {
                throw new BadScoreRequestException(where + ": " + schema.idColumn() + " must be a non-empty text");
            }
            where = "customer " + id.asText();
            ids.add(id.asText().trim());
            for (String column : schema.numericColumns()) {
                JsonNode v = customer.get(column);
                if (!v.isNumber() || !Double.isFinite(v.asDouble())) {
                    throw new BadScoreRequestException(where + ": " + column + " must be a number, got " + v);
                }
                if (v.asDouble() < 0 && nonNegative.contains(column)) {
                    throw new BadScoreRequestException(where + ": " + column + " must not be negative, got " + v);
                }
                numeric.get(column)[i] = v.asDouble();
            }
            for (String column : schema.dateColumns()) {
                JsonNode v = customer.get(column);
                try {
                    if (!v.isTextual()) throw new DateTimeParseException("not text", v.toString(), 0);
                    dates.get(column)[i] = LocalDate.parse(v.asText().trim(), formatter).toEpochDay();
                } catch (DateTimeParseException e) {
                    throw new BadScoreRequestException(where + ": " + column + " must be a date written " + schema.dateFormat()
                            + ", got " + v);
                }
            }
        }
        return new CustomerBatch(ids, numeric, dates);
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
