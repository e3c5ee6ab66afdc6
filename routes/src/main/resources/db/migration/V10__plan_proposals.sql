-- Plan optimizations: each run's proposal (the plans it proposes, its limits and its score before and after)
-- and its moves, each applied by policy, waiting for a person, applied once approved, rejected, or stale (the
-- job or its plan moved on meanwhile). A proposal and its moves are written in one transaction.
CREATE TABLE plan_proposal (
    id           VARCHAR(40) PRIMARY KEY,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    requested_by VARCHAR(128) NOT NULL,
    territory    VARCHAR(64),
    status       VARCHAR(20) NOT NULL,
    body         TEXT NOT NULL,
    decided_by   VARCHAR(128),
    decided_at   TIMESTAMP WITH TIME ZONE
);
CREATE INDEX ix_plan_proposal_created ON plan_proposal (created_at);

CREATE TABLE plan_move (
    proposal_id VARCHAR(40) NOT NULL REFERENCES plan_proposal (id),
    seq         INT NOT NULL,
    job_id      VARCHAR(40) NOT NULL,
    gated       BOOLEAN NOT NULL,
    status      VARCHAR(20) NOT NULL,
    body        TEXT NOT NULL,
    note        TEXT,
    decided_by  VARCHAR(128),
    decided_at  TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (proposal_id, seq)
);
CREATE INDEX ix_plan_move_job ON plan_move (job_id);

-- One optimization per territory at a time, across instances: a lease taken by a conditional update.
CREATE TABLE plan_optimizer_lease (
    scope       VARCHAR(64) PRIMARY KEY,
    holder      VARCHAR(64) NOT NULL,
    until       TIMESTAMP WITH TIME ZONE NOT NULL
);
