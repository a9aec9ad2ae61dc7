-- Wrong: the range/sort column first. The equality on customer_id can no longer narrow the search.
CREATE INDEX orders_created_customer ON orders (created_at, customer_id);
