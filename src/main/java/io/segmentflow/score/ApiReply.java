package io.segmentflow.score;

/**
 * An HTTP answer: status code and JSON body.
 *
 * @param status the HTTP status code
 * @param json   the body
 */
public record ApiReply(int status, String json) {
}
