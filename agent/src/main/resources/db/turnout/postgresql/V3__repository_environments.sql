-- The environments each spec repository defined at its last valid head, with their sync policies
-- (JSON): what a restarted agent follows while the head's specs are invalid.
CREATE TABLE turnout_repository (
    repository   TEXT NOT NULL PRIMARY KEY,
    environments TEXT NOT NULL
);
