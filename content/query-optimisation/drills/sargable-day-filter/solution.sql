SELECT count(*) FROM orders WHERE created_at >= 1686787200 AND created_at < 1686873600;
