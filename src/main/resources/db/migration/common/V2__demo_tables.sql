-- Demo and test sources for the database flow (the demo command fills them).

-- Customer-level rows in the default schema, as an export lands in a staging table: text columns,
-- so that what a file can hold (a blank, "N/A", "abc", a repeated id) the table can hold too, and the
-- same quarantine rules apply. Typed columns (numbers, DATE) work with the same query just as well.
CREATE TABLE demo_customer (
    row_no             BIGINT       NOT NULL PRIMARY KEY,
    customer_id        VARCHAR(255),
    total_spent        VARCHAR(64),
    purchase_count     VARCHAR(64),
    avg_session_time   VARCHAR(64),
    last_purchase_date VARCHAR(32)
);

-- One row per purchase, for the rfm query profile (recency, frequency, monetary aggregated in SQL).
CREATE TABLE demo_transaction (
    transaction_id BIGINT           NOT NULL PRIMARY KEY,
    customer_id    VARCHAR(255)     NOT NULL,
    purchased_on   DATE             NOT NULL,
    amount         DOUBLE PRECISION NOT NULL
);
CREATE INDEX demo_transaction_customer ON demo_transaction (customer_id, purchased_on);
