SELECT country, 0 AS revenue_cents FROM customers GROUP BY country;
