package io.segmentflow.score;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One customer's segment under the current model.
 *
 * @param customerId  as given
 * @param segmentId   the segment's lasting id
 * @param segmentName the segment's lasting name
 * @param distance    Euclidean distance to the segment's centroid, scaled units (as in assignments.csv)
 */
public record Score(@JsonProperty("customer_id") String customerId, @JsonProperty("segment_id") int segmentId,
                    @JsonProperty("segment_name") String segmentName, @JsonProperty("distance") double distance) {
}
