-- Wrong: the legs are guarded by "the journal does not exist yet", but the journal row was
-- inserted by the statement just before, so the guard is always false and no leg is ever posted.
BEGIN;
INSERT INTO journal (id, posted_at, memo)
VALUES ('je-inv-2024-0457', 1719835200, 'Invoice INV-2024-0457')
ON CONFLICT (id) DO NOTHING;
WITH legs(code, amount_cents) AS (VALUES ('1100', 100800), ('4100', -84000), ('2200', -16800))
INSERT INTO entries (journal_id, account_id, amount_cents)
SELECT 'je-inv-2024-0457', a.id, legs.amount_cents
FROM legs JOIN accounts a ON a.code = legs.code
WHERE NOT EXISTS (SELECT 1 FROM journal WHERE id = 'je-inv-2024-0457');
COMMIT;
