-- Wrong: the right rows, but the arithmetic is still applied to the column, so the planner cannot
-- turn it into an index range and scans every event. Move the arithmetic to the constant side.
SELECT name, COUNT(*) AS events
FROM events
WHERE created_at / 86400 = 19797
GROUP BY name
ORDER BY name;
