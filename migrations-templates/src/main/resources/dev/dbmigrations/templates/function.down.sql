-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
drop function if exists ${object}(bigint);
