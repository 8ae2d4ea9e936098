/**
 * The visual report of a run: JFreeChart charts rendered headless to PNG and a report.html built
 * from a Mustache template (which HTML-escapes every value), written into the run's staging folder
 * before it is published. The only package that imports {@code org.jfree.*}.
 */
package io.segmentflow.deliver.report;
