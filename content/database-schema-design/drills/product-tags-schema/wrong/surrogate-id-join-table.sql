-- Wrong: an ORM-style join table with its own id and nothing unique about the pair, so a product
-- can carry the same tag twice; nothing indexes tag_id, so "products with this tag" scans every
-- link; and a plain UNIQUE on tags.name lets 'Outdoor' and 'outdoor' both exist.
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE
);
CREATE TABLE product_tags (
  id INTEGER PRIMARY KEY,
  product_id INTEGER NOT NULL REFERENCES products (id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE
);
CREATE INDEX product_tags_product_id ON product_tags (product_id);
