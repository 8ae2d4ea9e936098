-- Query profile "rfm": recency, frequency and monetary value per customer, aggregated in SQL from
-- one row per purchase. Recency is the last purchase date (the features stage turns it into
-- recency_days); frequency and monetary value arrive as purchase_count and total_spent.
SELECT customer_id,
       MAX(purchased_on) AS last_purchase_date,
       COUNT(*)          AS purchase_count,
       SUM(amount)       AS total_spent
FROM demo_transaction
WHERE purchased_on >= CAST(:#since AS DATE)
GROUP BY customer_id
ORDER BY customer_id
