-- The snapshot of inputs each ranking used (for replay), and when and where an assigned technician
-- is expected to be busy until (the next ranking's starting point for them).
ALTER TABLE job ADD COLUMN ranking_input TEXT;
ALTER TABLE job ADD COLUMN busy_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE job ADD COLUMN site_lat DOUBLE PRECISION;
ALTER TABLE job ADD COLUMN site_lon DOUBLE PRECISION;
