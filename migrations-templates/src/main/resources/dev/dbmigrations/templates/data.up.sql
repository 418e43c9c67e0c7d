-- migrations:no-transaction
-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Purpose: backfill ${table}.${column} (replace DEFAULT below with the value to write).
-- Risk: low. Rows are updated in batches of 1000 by id, each batch committed on its own, so row locks
-- are short and replicas keep up. Outside a transaction, the DO block may COMMIT; a rerun continues
-- where it stopped because only rows still NULL are touched.
set lock_timeout = '5s';
do $backfill$
declare
    batch   constant bigint := 1000;
    last_id bigint;
    from_id bigint := 0;
begin
    select coalesce(max(id), 0) into last_id from ${table};
    while from_id < last_id loop
        update ${table} set ${column} = default
         where id > from_id and id <= from_id + batch and ${column} is null;
        from_id := from_id + batch;
        commit;
    end loop;
end
$backfill$;
