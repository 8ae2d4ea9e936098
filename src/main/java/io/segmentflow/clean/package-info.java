/**
 * Typed table in, usable table out: rows that break a rule (a negative amount or count, a duplicate
 * customer id) are quarantined with a reason that cites their line, missing values are imputed
 * (median by default), and a file with too many unusable rows is rejected as a whole. Rows read
 * always equal rows loaded plus rows quarantined.
 */
package io.segmentflow.clean;
