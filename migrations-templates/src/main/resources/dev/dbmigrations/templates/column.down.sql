-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Drops ${table}.${column} and its data.
set lock_timeout = '5s';
alter table ${table} drop column if exists ${column};
