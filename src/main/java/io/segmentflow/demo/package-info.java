/**
 * Seeded demo customers in the default schema with planted segments: realistic skew (log-normal
 * money and counts), about 2% missing values and a few broken rows, so every stage has work to do.
 * The planted labels are returned to the caller (for tests), never written into the data.
 */
package io.segmentflow.demo;
