-- migrations:no-transaction
-- ${version}_${name}: the team's own index template overrides the packaged one
set lock_timeout = '2s';
create index concurrently if not exists ${table}_${column}_team_idx on ${table} (${column});
