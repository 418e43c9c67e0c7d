-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Purpose: reference rows of ${table} (replace the columns and values).
-- Risk: low. A few inserts; ON CONFLICT DO NOTHING makes a rerun harmless.
insert into ${table} (created_at, updated_at)
values ('2000-01-01 00:00:00+00', '2000-01-01 00:00:00+00')
on conflict do nothing;
