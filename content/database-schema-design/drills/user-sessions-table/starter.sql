CREATE TABLE sessions (
  id INTEGER PRIMARY KEY
  -- your columns and constraints
);
