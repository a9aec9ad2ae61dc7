CREATE TABLE payments (
  id INTEGER PRIMARY KEY
  -- your columns and constraints
);
