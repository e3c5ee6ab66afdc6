-- The tenant of every audit line: its job's, or the tenant of the record an administrative line is about
-- (null for what is the gateway's own, such as route toggles).
ALTER TABLE audit ADD COLUMN tenant VARCHAR(40);
UPDATE audit SET tenant = (SELECT j.tenant FROM job j WHERE j.id = audit.job_id) WHERE job_id IS NOT NULL;
CREATE INDEX ix_audit_tenant ON audit (tenant, seq);
