-- The jobs received in a period (KPI facts, the optimizer's burst check every minute, a simulation's report)
-- are found by an index instead of a scan of every job.
CREATE INDEX ix_job_received ON job (received_at);
