SELECT c.id, c.email,
       (SELECT COUNT(*) FROM orders o
         WHERE o.customer_id = c.id AND o.status <> 'cancelled') AS order_count,
       (SELECT SUM(o.total_cents) FROM orders o
         WHERE o.customer_id = c.id AND o.status <> 'cancelled') AS spent_cents,
       (SELECT MAX(o.created_at) FROM orders o
         WHERE o.customer_id = c.id AND o.status <> 'cancelled') AS last_order_at
FROM customers c
WHERE c.created_at < 1677628800
ORDER BY c.id;
