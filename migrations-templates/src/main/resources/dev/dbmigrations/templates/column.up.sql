-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Purpose: add ${table}.${column}.
-- Risk: low. A nullable column without a volatile default is a catalog change: the ACCESS EXCLUSIVE
-- lock is held for milliseconds, and lock_timeout makes the deploy fail fast instead of queueing
-- traffic behind a long-running query. Make it NOT NULL later with the constraint type.
set lock_timeout = '5s';
alter table ${table} add column if not exists ${column} text;
