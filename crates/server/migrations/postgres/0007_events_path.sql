-- A report filtered by page path selects the runs with an event on that
-- path (store/funnel_read.rs, `selected_runs`) through this index instead
-- of reading every event of the guide. IF NOT EXISTS: on a large store
-- the operator may build it beforehand with CREATE INDEX CONCURRENTLY
-- (docs/operations.md), which does not block ingest as this one does.
CREATE INDEX IF NOT EXISTS events_path ON events (guide, path, run);
