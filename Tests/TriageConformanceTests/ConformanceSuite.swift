/// The `TicketStoring` conformance suite: every test runs against each backend in `Backend.enabled` (SQLite always,
/// PostgreSQL when `TRIAGE_TEST_PGHOST` names a server), with the same expectations, so the two stores cannot drift.
