-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Purpose: reference rows of ${table} (replace the values, add rows).
-- Risk: low. A few inserts; ON CONFLICT DO NOTHING makes a rerun harmless.
insert into ${table}${seed_columns}
${seed_values}
on conflict do nothing;
