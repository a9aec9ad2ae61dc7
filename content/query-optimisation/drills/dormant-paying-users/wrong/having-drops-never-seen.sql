-- Wrong: for a user without events MAX(created_at) is NULL, and `NULL < 1717200000` is not true,
-- so HAVING silently drops the users who never came back at all.
SELECT u.id, u.email, MAX(e.created_at) AS last_seen_at
FROM users u
LEFT JOIN events e ON e.user_id = u.id
WHERE u.plan IN ('pro', 'team')
  AND u.signed_up_at < 1717200000
GROUP BY u.id
HAVING MAX(e.created_at) < 1717200000
ORDER BY u.id;
