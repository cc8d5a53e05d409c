-- Guide events, one row per event id and site. No IP address, user agent,
-- cookie or anything else about the visitor is stored: `run` is a random id
-- per guide run. `ts` is the client's clock, `received_at` the server's
-- (both ms since the Unix epoch).
CREATE TABLE events (
    site TEXT NOT NULL,
    id TEXT NOT NULL,
    type TEXT NOT NULL,
    guide TEXT NOT NULL,
    guide_version INTEGER NOT NULL,
    run TEXT NOT NULL,
    step TEXT,
    step_index INTEGER,
    step_count INTEGER NOT NULL,
    ts INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    path TEXT NOT NULL,
    locale TEXT NOT NULL,
    device TEXT NOT NULL,
    reason TEXT,
    dwell_ms INTEGER,
    locator INTEGER,
    PRIMARY KEY (site, id)
) WITHOUT ROWID;

-- Reports group a guide's events by run.
CREATE INDEX events_guide_run ON events (guide, guide_version, run);
