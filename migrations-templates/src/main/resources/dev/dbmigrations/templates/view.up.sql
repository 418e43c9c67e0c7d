-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Purpose: view ${object} (replace the query).
-- Risk: low. Views hold no data; CREATE OR REPLACE may only add columns at the end.
create or replace view ${object} as
select now() as generated_at;
