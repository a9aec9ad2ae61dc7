-- Wrong: seeks on created_at alone, so rows sharing the cursor's timestamp are skipped.
SELECT id, created_at FROM orders
WHERE created_at < 1700000000
ORDER BY created_at DESC, id DESC
LIMIT 20;
