-- Wrong: BETWEEN includes both ends, so an order at the next midnight is counted too.
SELECT count(*) FROM orders WHERE created_at BETWEEN 1686787200 AND 1686873600;
