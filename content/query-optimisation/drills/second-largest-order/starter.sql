SELECT customer_id, id AS order_id, total_cents
FROM orders
WHERE status IN ('paid', 'shipped')
ORDER BY customer_id, total_cents DESC
LIMIT 20;
