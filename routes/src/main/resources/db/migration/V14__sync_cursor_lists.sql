-- A cursor may hold a list: the ids read at a cursor's instant, the ServiceTitan jobs to read again, an export
-- feed's continuation token.
ALTER TABLE sync_cursor ALTER COLUMN cursor_value SET DATA TYPE VARCHAR(100000);
