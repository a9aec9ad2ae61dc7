-- Wrong: NOT IN over a column that holds NULLs. Anonymous events have user_id NULL, so
-- `id NOT IN (…, NULL, …)` is never true (it is NULL for everyone) and the query returns no rows.
SELECT u.id, u.email, MAX(e.created_at) AS last_seen_at
FROM users u
LEFT JOIN events e ON e.user_id = u.id
WHERE u.plan IN ('pro', 'team')
  AND u.signed_up_at < 1717200000
  AND u.id NOT IN (SELECT user_id FROM events WHERE created_at >= 1717200000)
GROUP BY u.id
ORDER BY u.id;
