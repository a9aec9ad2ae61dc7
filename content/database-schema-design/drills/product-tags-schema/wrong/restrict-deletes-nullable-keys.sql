-- Wrong: the foreign keys have no ON DELETE action, so deleting a tagged product or a used tag
-- fails; and in SQLite a composite PRIMARY KEY on an ordinary table does not imply NOT NULL, so a
-- link with a NULL product_id is accepted (a NULL key also passes the foreign-key check).
CREATE TABLE products (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL
);
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
CREATE TABLE product_tags (
  product_id INTEGER REFERENCES products (id),
  tag_id INTEGER REFERENCES tags (id),
  PRIMARY KEY (product_id, tag_id)
);
CREATE INDEX product_tags_tag_id ON product_tags (tag_id);
