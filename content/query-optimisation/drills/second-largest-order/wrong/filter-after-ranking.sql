-- Wrong: the status filter is applied after ranking, so a large cancelled or pending order takes
-- rank 1 or 2 and the customer's real runner-up is skipped (or the customer vanishes).
WITH ranked AS (
  SELECT customer_id, id, total_cents, status,
         ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY total_cents DESC, id ASC) AS rn
  FROM orders
  WHERE created_at >= 1696118400 AND created_at < 1704067200
)
SELECT customer_id, id AS order_id, total_cents
FROM ranked
WHERE rn = 2 AND status IN ('paid', 'shipped')
ORDER BY customer_id;
