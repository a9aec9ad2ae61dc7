SELECT id, email, plan
FROM users
WHERE email LIKE '%@acme.io'
ORDER BY id;
