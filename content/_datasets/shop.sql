-- Orders and customers: 2,000 customers, 100,000 orders over a year. Deterministic (no random()):
-- values come from arithmetic on the row number, so every snapshot is identical.
CREATE TABLE customers (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  country TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE orders (
  id INTEGER PRIMARY KEY,
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'shipped', 'cancelled')),
  total_cents INTEGER NOT NULL CHECK (total_cents >= 0),
  created_at INTEGER NOT NULL
);
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
INSERT INTO customers (id, email, country, created_at)
SELECT i, 'customer' || i || '@example.com',
       CASE i % 5 WHEN 0 THEN 'DE' WHEN 1 THEN 'GB' WHEN 2 THEN 'IN' WHEN 3 THEN 'US' ELSE 'BR' END,
       1672531200 + i * 3600
FROM n;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100000)
INSERT INTO orders (id, customer_id, status, total_cents, created_at)
SELECT i,
       1 + (i * 7919) % 2000,
       CASE (i * 31) % 20 WHEN 0 THEN 'cancelled' WHEN 1 THEN 'pending' WHEN 2 THEN 'pending' ELSE CASE (i % 3) WHEN 0 THEN 'shipped' ELSE 'paid' END END,
       100 + (i * 104729) % 50000,
       1672531200 + (i * 317) % 31536000
FROM n;
