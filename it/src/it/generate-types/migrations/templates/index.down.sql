-- migrations:no-transaction
set lock_timeout = '2s';
drop index concurrently if exists ${table}_${column}_team_idx;
