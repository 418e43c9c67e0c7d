-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Drops ${table} and its data: keep a backup if the rollback happens after real writes.
drop table if exists ${table};
