-- Events move from a WITHOUT ROWID table keyed by (site, id) to an ordinary
-- rowid table with a UNIQUE (site, id) index: event ids are random, so the
-- old table inserted every wide row at a random place in its B-tree
-- (page splits, rebalancing); now rows are appended and only the narrow
-- index takes random inserts. About half the CPU per stored event; the same
-- columns, the same uniqueness (retries are still stored once).
CREATE TABLE events_by_rowid (
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
    UNIQUE (site, id)
);

INSERT INTO events_by_rowid (site, id, type, guide, guide_version, run, step, step_index,
    step_count, ts, received_at, path, locale, device, reason, dwell_ms, locator)
SELECT site, id, type, guide, guide_version, run, step, step_index, step_count, ts,
    received_at, path, locale, device, reason, dwell_ms, locator
FROM events ORDER BY received_at;

DROP TABLE events;
ALTER TABLE events_by_rowid RENAME TO events;

-- As in 0001 (later migrations replace it with the report indexes).
CREATE INDEX events_guide_run ON events (guide, guide_version, run);
