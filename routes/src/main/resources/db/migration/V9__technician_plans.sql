-- Technicians' plans: which technician's plan holds a job (assigned, or reserved by a proposal waiting for
-- approval) and its place in that plan; the arrival a technician or a rule announced, which the plan honours.
ALTER TABLE job ADD COLUMN plan_technician_id VARCHAR(64);
ALTER TABLE job ADD COLUMN plan_seq INTEGER;
ALTER TABLE job ADD COLUMN reported_eta TIMESTAMP WITH TIME ZONE;
CREATE INDEX ix_job_plan ON job (plan_technician_id, plan_seq);

UPDATE job SET plan_technician_id = assigned_technician_id, plan_seq = 0
 WHERE status IN ('ASSIGNED', 'EN_ROUTE', 'ON_SITE', 'PAUSED') AND assigned_technician_id IS NOT NULL;
