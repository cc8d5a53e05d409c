-- A report filtered by page path selects the runs with an event on that
-- path (store/funnel_read.rs, `selected_runs`) through this index instead
-- of reading every event of the guide.
CREATE INDEX IF NOT EXISTS events_path ON events (guide, path, run);
