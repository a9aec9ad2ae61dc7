-- Wrong: without lower() the expression is not the one the index was built on, so SQLite still
-- scans users, and the comparison is case-sensitive, so 'user368@ACME.IO' is no longer found.
SELECT id, email, plan
FROM users
WHERE substr(email, instr(email, '@') + 1) = 'acme.io'
ORDER BY id;
