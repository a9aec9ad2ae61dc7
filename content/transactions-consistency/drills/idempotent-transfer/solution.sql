BEGIN;
UPDATE accounts SET balance_cents = balance_cents - 2500
  WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM transfers WHERE id = 't-42');
UPDATE accounts SET balance_cents = balance_cents + 2500
  WHERE id = 2 AND NOT EXISTS (SELECT 1 FROM transfers WHERE id = 't-42');
INSERT INTO transfers (id, from_id, to_id, amount_cents) VALUES ('t-42', 1, 2, 2500)
  ON CONFLICT (id) DO NOTHING;
COMMIT;
