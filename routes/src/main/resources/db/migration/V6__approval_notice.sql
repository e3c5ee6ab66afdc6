-- When the approval request reached its channel (Teams, the inbox), so a failed notice is sent again.
ALTER TABLE approval ADD COLUMN notified_at TIMESTAMP WITH TIME ZONE;
