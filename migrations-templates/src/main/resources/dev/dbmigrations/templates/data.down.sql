-- migrations:no-transaction
-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Resets ${table}.${column} to NULL, in batches (write the real inverse if the old values matter).
set lock_timeout = '5s';
do $reset$
declare
    batch   constant bigint := 1000;
    last_id bigint;
    from_id bigint := 0;
begin
    select coalesce(max(id), 0) into last_id from ${table};
    while from_id < last_id loop
        update ${table} set ${column} = null where id > from_id and id <= from_id + batch;
        from_id := from_id + batch;
        commit;
    end loop;
end
$reset$;
