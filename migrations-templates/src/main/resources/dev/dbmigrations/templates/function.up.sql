-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Purpose: function ${object}.
-- Risk: low. CREATE OR REPLACE swaps the function atomically; callers see the old or the new body.
create or replace function ${object}(p_id bigint)
returns text
language sql
stable
as $fn$
    select 'id ' || p_id::text
$fn$;
