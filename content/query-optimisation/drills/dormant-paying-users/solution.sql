SELECT u.id, u.email,
       (SELECT MAX(e.created_at) FROM events e WHERE e.user_id = u.id) AS last_seen_at
FROM users u
WHERE u.plan IN ('pro', 'team')
  AND u.signed_up_at < 1717200000
  AND NOT EXISTS (
    SELECT 1 FROM events e
    WHERE e.user_id = u.id AND e.created_at >= 1717200000
  )
ORDER BY u.id;
