-- Wrong: BETWEEN includes both ends, so a journal posted at exactly 2024-04-01 00:00:00 UTC, which
-- belongs to the next quarter, lands in the March trial balance.
SELECT a.code, a.name,
       MAX(COALESCE(b.balance, 0), 0) AS debit_cents,
       MAX(-COALESCE(b.balance, 0), 0) AS credit_cents
FROM accounts a
LEFT JOIN (
  SELECT e.account_id, SUM(e.amount_cents) AS balance
  FROM entries e
  JOIN journal j ON j.id = e.journal_id
  WHERE j.posted_at BETWEEN unixepoch('2024-01-01') AND unixepoch('2024-04-01')
  GROUP BY e.account_id
) b ON b.account_id = a.id
ORDER BY a.code;
