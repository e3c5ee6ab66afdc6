-- The snapshot of inputs each ranking used, compressed (gzip of its JSON), in a table of its own: written once
-- per ranking, it no longer travels with the job's row, which every later status change writes again.
-- Snapshots of rankings made before this migration stay in job.ranking_input and are read from there (a replay
-- of one lists fewer reasons for the technicians a rule that needs no plan excluded: see the README).
CREATE TABLE ranking_snapshot (
    job_id VARCHAR(40) PRIMARY KEY REFERENCES job (id),
    body   BYTEA NOT NULL
);
