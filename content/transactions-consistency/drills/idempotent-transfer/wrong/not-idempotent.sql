-- Wrong: atomic, but the second run moves the money again (only the transfer row is deduplicated).
BEGIN;
UPDATE accounts SET balance_cents = balance_cents - 2500 WHERE id = 1;
UPDATE accounts SET balance_cents = balance_cents + 2500 WHERE id = 2;
INSERT INTO transfers (id, from_id, to_id, amount_cents) VALUES ('t-42', 1, 2, 2500) ON CONFLICT (id) DO NOTHING;
COMMIT;
