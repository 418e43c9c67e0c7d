-- migrations:no-transaction
-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
set lock_timeout = '5s';
drop index concurrently if exists ${table}_${column}_idx;
alter table ${table} drop constraint if exists ${table}_${column}_fkey;
alter table ${table} drop column if exists ${column};
