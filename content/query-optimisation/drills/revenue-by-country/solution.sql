SELECT c.country, SUM(o.total_cents) AS revenue_cents
FROM orders o
JOIN customers c ON c.id = o.customer_id
WHERE o.status IN ('paid', 'shipped')
GROUP BY c.country
ORDER BY revenue_cents DESC, c.country ASC;
