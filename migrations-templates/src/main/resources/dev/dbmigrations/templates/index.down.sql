-- migrations:no-transaction
-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
set lock_timeout = '5s';
drop index concurrently if exists ${table}_${column}_idx;
