SELECT a.code, a.name, 0 AS debit_cents, 0 AS credit_cents
FROM accounts a
ORDER BY a.code;
