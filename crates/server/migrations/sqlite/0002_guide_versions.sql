-- Every guide version this server (or another instance on the same
-- database) has loaded, with its step ids as a JSON array of strings, so
-- that events of an earlier version still validate after an update, a
-- restart, and on every instance.
CREATE TABLE guide_versions (
    guide TEXT NOT NULL,
    version INTEGER NOT NULL,
    steps TEXT NOT NULL,
    PRIMARY KEY (guide, version)
) WITHOUT ROWID;
