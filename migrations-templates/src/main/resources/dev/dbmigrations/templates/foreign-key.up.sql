-- migrations:no-transaction
-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Purpose: ${table}.${column} references ${references} (id).
-- Risk: low. The column is added (a catalog change), the foreign key NOT VALID (a brief lock on both
-- tables) and committed, then VALIDATE checks existing rows without blocking writes, and an index on
-- ${table} (${column}), which deletes from ${references} need, is built concurrently. Each step can be rerun.
set lock_timeout = '5s';
alter table ${table} add column if not exists ${column} bigint;
do $add$
begin
    alter table ${table} add constraint ${table}_${column}_fkey
        foreign key (${column}) references ${references} (id) not valid;
exception when duplicate_object then
    null; -- added by an earlier attempt
end
$add$;
alter table ${table} validate constraint ${table}_${column}_fkey;
create index concurrently if not exists ${table}_${column}_idx on ${table} (${column});
