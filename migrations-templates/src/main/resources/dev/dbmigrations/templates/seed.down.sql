-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Removes exactly the rows the up file inserted.
delete from ${table} where created_at = '2000-01-01 00:00:00+00';
