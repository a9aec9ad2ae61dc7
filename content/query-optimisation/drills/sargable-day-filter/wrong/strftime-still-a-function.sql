-- Wrong: a different function on the column is still not sargable; the index is scanned, not searched.
SELECT count(*) FROM orders WHERE strftime('%Y-%m-%d', created_at, 'unixepoch') = '2023-06-15';
