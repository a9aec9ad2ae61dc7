-- Wrong: finds the customer's rows but must sort them with a temporary B-tree.
CREATE INDEX orders_customer ON orders (customer_id);
