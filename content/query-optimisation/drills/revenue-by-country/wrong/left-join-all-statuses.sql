-- Wrong: a LEFT JOIN from customers keeps countries without orders (as NULL revenue), and the
-- status filter is missing, so cancelled orders count as revenue.
SELECT c.country, SUM(o.total_cents) AS revenue_cents
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id
GROUP BY c.country
ORDER BY revenue_cents DESC, c.country ASC;
