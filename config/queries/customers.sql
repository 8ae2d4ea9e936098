-- Query profile "customers" (the default): one row per customer in the default schema.
-- Named parameters only; their values come from segmentation.database.parameter.* keys.
SELECT customer_id, total_spent, purchase_count, avg_session_time, last_purchase_date
FROM demo_customer
ORDER BY row_no
