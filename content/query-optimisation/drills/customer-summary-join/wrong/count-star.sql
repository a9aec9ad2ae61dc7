-- Wrong: COUNT(*) counts the NULL-extended row that the LEFT JOIN produces for a customer without
-- (non-cancelled) orders, so they show order_count 1 instead of 0. Count a column of orders.
SELECT c.id, c.email,
       COUNT(*) AS order_count,
       SUM(o.total_cents) AS spent_cents,
       MAX(o.created_at) AS last_order_at
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id AND o.status <> 'cancelled'
WHERE c.created_at < 1677628800
GROUP BY c.id
ORDER BY c.id;
