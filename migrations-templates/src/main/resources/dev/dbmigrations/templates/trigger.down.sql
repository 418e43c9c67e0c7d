-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
set lock_timeout = '5s';
drop trigger if exists ${table}_touch_updated_at on ${table};
drop function if exists ${table}_touch_updated_at();
