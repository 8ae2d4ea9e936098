-- Every start of a mail-sending process marks the ledger's PENDING rows IN_DOUBT (WHERE status = ...,
-- no campaign): the (campaign_id, status) index of V4 cannot serve that, so it scanned the whole
-- ledger, which only grows.
CREATE INDEX campaign_mail_by_status ON campaign_mail (status);
