-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
drop view if exists ${object};
