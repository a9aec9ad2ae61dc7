-- Wrong: ON DELETE CASCADE silently deletes payment records with their order, and the foreign key
-- has no index, so every lookup by order (and every delete of an order) scans payments.
CREATE TABLE payments (
  id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders (id) ON DELETE CASCADE,
  amount_cents INTEGER NOT NULL CHECK (amount_cents > 0),
  currency TEXT NOT NULL CHECK (length(currency) = 3),
  status TEXT NOT NULL CHECK (status IN ('authorized', 'captured', 'refunded', 'failed')),
  idempotency_key TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
