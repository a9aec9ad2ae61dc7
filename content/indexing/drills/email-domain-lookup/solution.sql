SELECT id, email, plan
FROM users
WHERE lower(substr(email, instr(email, '@') + 1)) = 'acme.io'
ORDER BY id;
