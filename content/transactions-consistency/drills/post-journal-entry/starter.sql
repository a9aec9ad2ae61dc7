BEGIN;
INSERT INTO journal (id, posted_at, memo)
VALUES ('je-inv-2024-0457', 1719835200, 'Invoice INV-2024-0457');
-- insert the three legs into entries
COMMIT;
