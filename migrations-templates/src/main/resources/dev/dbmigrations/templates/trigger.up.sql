-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Purpose: keep ${table}.updated_at current on every update.
-- Risk: low. CREATE TRIGGER takes a SHARE ROW EXCLUSIVE lock for milliseconds; lock_timeout keeps it
-- from queueing traffic behind a long query.
set lock_timeout = '5s';
create or replace function ${table}_touch_updated_at() returns trigger
language plpgsql as $fn$
begin
    new.updated_at := now();
    return new;
end
$fn$;
drop trigger if exists ${table}_touch_updated_at on ${table};
create trigger ${table}_touch_updated_at
    before update on ${table}
    for each row execute function ${table}_touch_updated_at();
