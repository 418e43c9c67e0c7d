-- Demo billing accounts for the demo users, on developers' machines only (seeds/development/).
-- A seed runs again whenever this file changes, so it is written to be harmless when rerun.
insert into accounts (owner_email)
select demo.email
from (values ('ada@example.com'), ('grace@example.com')) as demo (email)
where not exists (select 1 from accounts a where a.owner_email = demo.email);
