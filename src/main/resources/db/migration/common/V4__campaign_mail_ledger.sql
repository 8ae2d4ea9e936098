-- The campaign mail ledger (issue 5); the same script for H2 and PostgreSQL (portable SQL only).
-- One row per campaign and customer, written before anything is sent, so a customer is mailed at
-- most once per campaign across retries, reruns and restarts. States (see deliver/mail/MailLedger):
--   QUEUED    planned, not yet attempted (a crash or a lost SMTP server leaves these for the next run)
--   PENDING   being sent right now; left over after a crash it becomes IN_DOUBT at the next start
--   SENT      accepted by the SMTP server (or written to the outbox)
--   FAILED    refused for good (an SMTP 5xx answer); never retried
--   HELD_OUT  in the campaign's control group: deliberately not mailed, so its lift can be measured
--   IN_DOUBT  was PENDING when the process stopped: perhaps sent, so never resent automatically
CREATE TABLE campaign_mail (
    campaign_id VARCHAR(100)  NOT NULL,
    customer_id VARCHAR(255)  NOT NULL,
    run_id      VARCHAR(64)   NOT NULL,
    segment     VARCHAR(200)  NOT NULL,
    status      VARCHAR(20)   NOT NULL,
    attempts    INTEGER       NOT NULL,
    last_error  VARCHAR(1000),
    updated_at  TIMESTAMP     NOT NULL,
    PRIMARY KEY (campaign_id, customer_id)
);
CREATE INDEX campaign_mail_status ON campaign_mail (campaign_id, status);
