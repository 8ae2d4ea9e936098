/**
 * Campaign e-mail to the customers of target segments, and a summary mail per run: planned into a
 * ledger before anything is sent, so no customer is mailed twice for a campaign.
 */
package io.segmentflow.deliver.mail;
