WITH ranked AS (
  SELECT customer_id, id, total_cents,
         ROW_NUMBER() OVER (PARTITION BY customer_id ORDER BY total_cents DESC, id ASC) AS rn
  FROM orders
  WHERE status IN ('paid', 'shipped')
    AND created_at >= 1696118400 AND created_at < 1704067200
)
SELECT customer_id, id AS order_id, total_cents
FROM ranked
WHERE rn = 2
ORDER BY customer_id;
