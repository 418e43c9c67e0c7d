-- migrations:no-transaction
-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Purpose: require ${table}.${column} to be set (CHECK (${column} IS NOT NULL)).
-- Risk: low. The constraint is added NOT VALID (a brief lock; only new rows are checked) and committed,
-- then VALIDATE checks existing rows under a SHARE UPDATE EXCLUSIVE lock, which lets reads and writes
-- go on. Both run outside one transaction, so that the strong lock is not held during validation.
-- On PostgreSQL 12+, ALTER COLUMN ... SET NOT NULL afterwards uses the valid constraint and does not scan.
set lock_timeout = '5s';
do $add$
begin
    alter table ${table} add constraint ${table}_${column}_check check (${column} is not null) not valid;
exception when duplicate_object then
    null; -- added by an earlier attempt
end
$add$;
alter table ${table} validate constraint ${table}_${column}_check;
