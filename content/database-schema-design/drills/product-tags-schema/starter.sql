CREATE TABLE products (
  id INTEGER PRIMARY KEY
  -- your columns and constraints
);
CREATE TABLE tags (
  id INTEGER PRIMARY KEY
  -- your columns and constraints
);
CREATE TABLE product_tags (
  product_id INTEGER,
  tag_id INTEGER
  -- your constraints
);
