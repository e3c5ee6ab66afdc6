-- A proposal with moves waiting for a dispatcher is announced on the approval channel (a Teams card) once:
-- claimed for a short lease, sent, then marked; a failed send gives the claim back and is sent again.
ALTER TABLE plan_proposal ADD COLUMN notified_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE plan_proposal ADD COLUMN notice_claimed_until TIMESTAMP WITH TIME ZONE;

-- What the optimizer saw (technicians, plans, open jobs, depots, measured legs), so that a run can be replayed.
ALTER TABLE plan_proposal ADD COLUMN snapshot TEXT;
