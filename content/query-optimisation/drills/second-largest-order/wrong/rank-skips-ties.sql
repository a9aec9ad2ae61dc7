-- Wrong: RANK() gives tied orders the same rank and then skips a number (1, 1, 3), so a customer
-- whose two largest orders tie has no order ranked 2 and disappears from the result.
WITH ranked AS (
  SELECT customer_id, id, total_cents,
         RANK() OVER (PARTITION BY customer_id ORDER BY total_cents DESC) AS rn
  FROM orders
  WHERE status IN ('paid', 'shipped')
    AND created_at >= 1696118400 AND created_at < 1704067200
)
SELECT customer_id, id AS order_id, total_cents
FROM ranked
WHERE rn = 2
ORDER BY customer_id;
