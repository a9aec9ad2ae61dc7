-- Wrong: lower-casing the column does not help a pattern that starts with '%': there is still no
-- prefix to seek to, and lower(email) is not the indexed expression either, so users is scanned.
SELECT id, email, plan
FROM users
WHERE lower(email) LIKE '%@acme.io'
ORDER BY id;
