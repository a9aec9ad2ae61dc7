SELECT name, COUNT(*) AS events
FROM events
WHERE created_at >= 1710460800 AND created_at < 1710547200
GROUP BY name
ORDER BY name;
