-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Removes exactly the rows the up file inserted.
delete from ${table} where ${seed_match};
