-- The state store (io.turnout.state.sql.SqlStateStore), on PostgreSQL, shared by every replica.
-- Times of leases are epoch milliseconds; other times are ISO-8601 text, read back exactly.

-- One deployment per environment: who holds it, until when (renewed while the holder lives).
CREATE TABLE turnout_lease (
    environment TEXT    NOT NULL PRIMARY KEY,
    token       TEXT    NOT NULL,
    holder      TEXT    NOT NULL,
    acquired_at BIGINT  NOT NULL,
    expires_at  BIGINT  NOT NULL
);

-- The deployment journal: one JSON entry per row, oldest first.
CREATE TABLE turnout_journal (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    environment TEXT    NOT NULL,
    entry       TEXT    NOT NULL
);
CREATE INDEX turnout_journal_environment ON turnout_journal (environment, id);

-- Every commit's outcome, newest last; trimmed to the history limit per environment.
CREATE TABLE turnout_outcome (
    id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    environment TEXT    NOT NULL,
    commit_id   TEXT    NOT NULL,
    subject     TEXT    NOT NULL,
    outcome     TEXT    NOT NULL,
    detail      TEXT    NOT NULL,
    decided_at  TEXT    NOT NULL,
    duration    TEXT    NOT NULL
);
CREATE INDEX turnout_outcome_environment ON turnout_outcome (environment, id);
CREATE INDEX turnout_outcome_commit ON turnout_outcome (environment, commit_id);

-- The drift baseline: the commit live and its effective specs (JSON).
CREATE TABLE turnout_baseline (
    environment TEXT NOT NULL PRIMARY KEY,
    commit_id   TEXT NOT NULL,
    specs       TEXT NOT NULL
);

-- What the status shows, one JSON value per fact (sync-policy, live-commit, pending-plan, …).
CREATE TABLE turnout_fact (
    environment TEXT NOT NULL,
    name        TEXT NOT NULL,
    value       TEXT NOT NULL,
    PRIMARY KEY (environment, name)
);
