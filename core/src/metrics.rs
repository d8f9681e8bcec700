//! The numbers the core records for operators (through the `metrics` facade; the server
//! installs the recorder and writes them at `/metrics`). Without a recorder they cost nothing.

/// Histogram: how many responses each group-commit transaction stored.
pub const WRITER_BATCH: &str = "yoriai_writer_batch_size";
/// Gauge: responses waiting for the writer (read when the metrics are asked for).
pub const WRITER_QUEUE: &str = "yoriai_writer_queue";
/// Counter: batches the writer could not commit (every response of one refused with 503).
pub const WRITER_FAILED: &str = "yoriai_writer_failed_batches_total";
/// Counter: analytics cubes brought up to date, by `how`: `new` (built from nothing, or a
/// new version of the survey), `incremental` (only the responses since), `reread` (a late
/// commit seen: every response read again).
pub const CUBE_REFRESHES: &str = "yoriai_cube_refreshes_total";
/// Counter: responses read into cubes.
pub const CUBE_ROWS: &str = "yoriai_cube_rows_read_total";

/// Describes the core's metrics to the installed recorder.
pub fn describe() {
    metrics::describe_histogram!(
        WRITER_BATCH,
        metrics::Unit::Count,
        "Responses stored by each group-commit transaction."
    );
    metrics::describe_gauge!(WRITER_QUEUE, "Responses waiting for the writer now.");
    metrics::describe_counter!(
        WRITER_FAILED,
        "Group-commit batches refused (the database busy, locked or full)."
    );
    metrics::describe_counter!(
        CUBE_REFRESHES,
        "Analytics cubes brought up to date, by how (new, incremental, reread)."
    );
    metrics::describe_counter!(CUBE_ROWS, "Responses read into analytics cubes.");
}
