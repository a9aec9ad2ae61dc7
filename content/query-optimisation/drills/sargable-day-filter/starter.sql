SELECT count(*) FROM orders WHERE date(created_at, 'unixepoch') = '2023-06-15';
