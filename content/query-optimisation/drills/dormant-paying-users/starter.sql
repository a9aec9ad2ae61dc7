SELECT u.id, u.email, NULL AS last_seen_at
FROM users u
WHERE u.plan IN ('pro', 'team')
ORDER BY u.id;
