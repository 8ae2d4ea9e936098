/**
 * A profiled run to files other programs read: summary.json, assignments.csv, one CSV per segment
 * and rejects.csv, written into a hidden temporary folder and renamed into place when complete, so a
 * half-written run never looks finished. Text cells that a spreadsheet would run as a formula are
 * neutralised.
 */
package io.segmentflow.deliver;
