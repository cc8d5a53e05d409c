-- Report access (issue 6): bearer tokens and dashboard sessions, stored
-- only as SHA-256 hashes (hex) of their secrets.
CREATE TABLE tokens (
    name TEXT PRIMARY KEY NOT NULL,
    site TEXT,
    hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

CREATE TABLE sessions (
    hash TEXT PRIMARY KEY NOT NULL,
    token TEXT NOT NULL REFERENCES tokens (name) ON DELETE CASCADE,
    expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_token ON sessions (token);
