-- When an undecided approval was escalated to the managers, so it is escalated once.
ALTER TABLE approval ADD COLUMN escalated_at TIMESTAMP WITH TIME ZONE;
