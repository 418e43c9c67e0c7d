-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
set lock_timeout = '5s';
alter table ${table} drop constraint if exists ${table}_${column}_check;
