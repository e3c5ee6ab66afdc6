-- Claims with a short lease, apart from the back-off: a write-back or an approval notice being sent is held by
-- one sender until claimed_until; a sender that died lets it go when the lease ends (and at start-up of the
-- embedded database, which only one process can open). The approval gate's automatic clearance is recorded once.
ALTER TABLE write_back ADD COLUMN claimed_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE approval ADD COLUMN notice_claimed_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE job ADD COLUMN gate_cleared_at TIMESTAMP WITH TIME ZONE;
