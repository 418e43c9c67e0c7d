-- migrations:no-transaction
-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Purpose: index ${table} (${column}).
-- Risk: low. CONCURRENTLY builds the index without blocking writes; it cannot run in a transaction,
-- hence the directive, and IF NOT EXISTS makes a rerun after a failure safe. A failed concurrent
-- build leaves an INVALID index: drop it (the down file) and run up again.
set lock_timeout = '5s';
create index concurrently if not exists ${table}_${column}_idx on ${table} (${column});
