SELECT id, created_at FROM orders
WHERE (created_at, id) < (1700000000, 50000)
ORDER BY created_at DESC, id DESC
LIMIT 20;
