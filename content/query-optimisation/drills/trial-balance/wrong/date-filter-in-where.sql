-- Wrong: the cut-off sits in WHERE, after the LEFT JOIN. For an account without entries up to the
-- cut-off, posted_at is NULL (or too late), WHERE drops the row, and the account vanishes from the
-- trial balance instead of showing 0 and 0.
SELECT a.code, a.name,
       MAX(COALESCE(SUM(e.amount_cents), 0), 0) AS debit_cents,
       MAX(-COALESCE(SUM(e.amount_cents), 0), 0) AS credit_cents
FROM accounts a
LEFT JOIN entries e ON e.account_id = a.id
LEFT JOIN journal j ON j.id = e.journal_id
WHERE j.posted_at < unixepoch('2024-04-01')
GROUP BY a.id
ORDER BY a.code;
