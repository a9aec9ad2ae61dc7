-- A double-entry ledger for one small company, January to June 2024. Deterministic (no random()):
-- every value comes from arithmetic on the journal number, so every snapshot is identical.
-- Sign convention: entries.amount_cents > 0 is a debit, < 0 is a credit; each journal sums to zero.
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  type TEXT NOT NULL CHECK (type IN ('asset', 'liability', 'equity', 'revenue', 'expense'))
);
CREATE TABLE journal (
  id TEXT PRIMARY KEY,
  posted_at INTEGER NOT NULL,
  memo TEXT NOT NULL
);
CREATE TABLE entries (
  id INTEGER PRIMARY KEY,
  journal_id TEXT NOT NULL REFERENCES journal (id),
  account_id INTEGER NOT NULL REFERENCES accounts (id),
  amount_cents INTEGER NOT NULL CHECK (amount_cents <> 0)
);
CREATE INDEX journal_posted_at ON journal (posted_at);
CREATE INDEX entries_journal_id ON entries (journal_id);
CREATE INDEX entries_account_id ON entries (account_id);

-- Ids follow the order the accounts were opened, not their codes.
INSERT INTO accounts (id, code, name, type) VALUES
  (1, '1000', 'Cash at bank', 'asset'),
  (2, '1100', 'Accounts receivable', 'asset'),
  (3, '1200', 'Inventory', 'asset'),
  (4, '2000', 'Accounts payable', 'liability'),
  (5, '2200', 'VAT payable', 'liability'),
  (6, '3000', 'Owner''s capital', 'equity'),
  (7, '4000', 'Product sales', 'revenue'),
  (8, '4100', 'Service revenue', 'revenue'),
  (9, '5000', 'Cost of goods sold', 'expense'),
  (10, '6000', 'Salaries', 'expense'),
  (11, '6100', 'Rent', 'expense'),
  (12, '6200', 'Utilities', 'expense'),
  (13, '6300', 'Software subscriptions', 'expense'),
  (14, '6400', 'Travel', 'expense'),
  (15, '6500', 'Bank fees', 'expense'),
  (16, '2300', 'Bank loan', 'liability'),
  (17, '7000', 'Interest expense', 'expense'),
  (18, '4900', 'Interest income', 'revenue'),
  (19, '1500', 'Equipment', 'asset'),
  (20, '1010', 'Petty cash', 'asset');

-- Opening capital, a loan, an equipment purchase and a quarter's bank interest (paid out in June).
INSERT INTO journal (id, posted_at, memo) VALUES
  ('je-opening', 1704067200, 'Opening capital'),
  ('je-loan-drawdown', 1706745600, 'Bank loan drawdown'),
  ('je-equipment', 1707350400, 'Delivery van'),
  ('je-interest-q2', 1719532800, 'Bank interest Q2');
INSERT INTO entries (journal_id, account_id, amount_cents) VALUES
  ('je-opening', 1, 5000000), ('je-opening', 6, -5000000),
  ('je-loan-drawdown', 1, 2500000), ('je-loan-drawdown', 16, -2500000),
  ('je-equipment', 19, 1800000), ('je-equipment', 1, -1800000),
  ('je-interest-q2', 1, 4210), ('je-interest-q2', 18, -4210);

-- 30,000 everyday journals, roughly one every nine minutes, each of one of ten kinds (i % 10).
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000)
INSERT INTO journal (id, posted_at, memo)
SELECT printf('je-%06d', i),
       1704067200 + i * 524 + (i * 7919) % 523,
       CASE i % 10
         WHEN 4 THEN 'Invoice ' || i
         WHEN 5 THEN 'Customer payment ' || i
         WHEN 6 THEN 'Supplier bill ' || i
         WHEN 7 THEN 'Supplier payment ' || i
         WHEN 8 THEN 'Expense ' || i
         WHEN 9 THEN CASE WHEN i % 200 = 9 THEN 'Payroll ' || i ELSE 'Stock used ' || i END
         ELSE 'Cash sale ' || i
       END
FROM n;

-- Legs per kind, in units of a fifth of the journal's net amount b (b is a multiple of 500 cents,
-- so VAT at 20% is exactly one unit). Account 0 stands for "this expense journal's account".
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 30000),
legs(kind, line, account_id, units) AS (
  VALUES (0, 1, 1, 6), (0, 2, 7, -5), (0, 3, 5, -1),
         (4, 1, 2, 6), (4, 2, 8, -5), (4, 3, 5, -1),
         (5, 1, 1, 6), (5, 2, 2, -6),
         (6, 1, 3, 5), (6, 2, 4, -5),
         (7, 1, 4, 5), (7, 2, 1, -5),
         (8, 1, 0, 1), (8, 2, 1, -1),
         (9, 1, 9, 3), (9, 2, 3, -3),
         (10, 1, 10, 5), (10, 2, 1, -5)
),
j(i, kind, b) AS (
  SELECT i,
         CASE WHEN i % 10 IN (1, 2, 3) THEN 0 WHEN i % 200 = 9 THEN 10 ELSE i % 10 END,
         500 * (1 + (i * 7919) % 400)
  FROM n
)
INSERT INTO entries (journal_id, account_id, amount_cents)
SELECT printf('je-%06d', j.i),
       CASE WHEN legs.account_id = 0 THEN 11 + (j.i / 10) % 5 ELSE legs.account_id END,
       legs.units * j.b / 5 * CASE WHEN j.kind = 10 THEN 40 ELSE 1 END
FROM j CROSS JOIN legs ON legs.kind = j.kind -- CROSS JOIN keeps j outermost, so n runs once
ORDER BY j.i, legs.line;
