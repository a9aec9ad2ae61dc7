-- Wrong: OR IGNORE only skips rows that break a constraint, and no constraint makes a leg unique,
-- so the retry inserts all three legs again and the invoice is booked twice.
BEGIN;
INSERT OR IGNORE INTO journal (id, posted_at, memo)
VALUES ('je-inv-2024-0457', 1719835200, 'Invoice INV-2024-0457');
WITH legs(code, amount_cents) AS (VALUES ('1100', 100800), ('4100', -84000), ('2200', -16800))
INSERT OR IGNORE INTO entries (journal_id, account_id, amount_cents)
SELECT 'je-inv-2024-0457', a.id, legs.amount_cents
FROM legs JOIN accounts a ON a.code = legs.code;
COMMIT;
