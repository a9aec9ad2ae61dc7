SELECT c.id, c.email,
       COALESCE(t.order_count, 0) AS order_count,
       t.spent_cents,
       t.last_order_at
FROM customers c
LEFT JOIN (
  SELECT customer_id,
         COUNT(*) AS order_count,
         SUM(total_cents) AS spent_cents,
         MAX(created_at) AS last_order_at
  FROM orders
  WHERE status <> 'cancelled'
  GROUP BY customer_id
) t ON t.customer_id = c.id
WHERE c.created_at < 1677628800
ORDER BY c.id;
