-- Wrong: the status condition sits in WHERE, which runs after the LEFT JOIN. For a customer
-- with no orders, or only cancelled ones, o.status is NULL or 'cancelled' and the row is
-- filtered out, so the LEFT JOIN acts as an inner join and those customers vanish.
SELECT c.id, c.email,
       COUNT(o.id) AS order_count,
       SUM(o.total_cents) AS spent_cents,
       MAX(o.created_at) AS last_order_at
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
WHERE c.created_at < 1677628800 AND o.status <> 'cancelled'
GROUP BY c.id
ORDER BY c.id;
