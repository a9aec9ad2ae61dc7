SELECT name, COUNT(*) AS events
FROM events
WHERE date(created_at, 'unixepoch') = '2024-03-15'
GROUP BY name
ORDER BY name;
