-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Undo ${version}_${name}.up.sql here.

