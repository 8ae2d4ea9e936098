/**
 * Input to {@link io.segmentflow.model.CustomerTable}: the only place raw strings exist. A CSV is
 * streamed once (strict UTF-8, optional BOM, RFC 4180 quoting, bounded line length) straight into
 * primitive columns; rows that cannot be typed are quarantined with their line and a reason, and a
 * file that cannot be used at all raises {@link io.segmentflow.model.InputRejectedException}.
 */
package io.segmentflow.ingest;
