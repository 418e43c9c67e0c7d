-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Purpose: add the value '${value}' to enum ${object}.
-- Risk: low. ADD VALUE is a catalog change. On PostgreSQL 12+ it may run in a transaction, but the new
-- value cannot be used before that transaction commits: use it in a later migration.
alter type ${object} add value if not exists '${value}';
