package io.segmentflow.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The named parameters of the ingest query ({@code :#since} in the SQL), from the
 * {@code segmentation.database.parameter.<name>} keys. Values are text; the query casts them, e.g.
 * {@code CAST(:#since AS DATE)}. They are bound as parameters, never pasted into the SQL.
 *
 * @param values parameter name to value
 */
public record QueryParameters(Map<String, String> values) {
    public QueryParameters {
        values = Map.copyOf(values);
    }

    /** The message body camel-sql reads the named parameters from. */
    public Map<String, Object> asBody() {
        return new LinkedHashMap<>(values);
    }
}
