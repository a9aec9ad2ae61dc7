-- Wrong: BETWEEN includes both ends, so an event at exactly the next midnight (1710547200, which
-- belongs to 2024-03-16) is counted too. Use a half-open range: >= start AND < next midnight.
SELECT name, COUNT(*) AS events
FROM events
WHERE created_at BETWEEN 1710460800 AND 1710547200
GROUP BY name
ORDER BY name;
