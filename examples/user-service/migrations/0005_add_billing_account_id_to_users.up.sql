-- migrations:no-transaction
-- 0005_add_billing_account_id_to_users (user-service, schema user_service)
-- Author: dbmigrations examples, 2026-11-25T17:05:50Z
-- Purpose: users.billing_account_id references billing_service.accounts (id).
-- Risk: low. The column is added (a catalog change), the foreign key NOT VALID (a brief lock on both
-- tables) and committed, then VALIDATE checks existing rows without blocking writes, and an index on
-- users (billing_account_id), which deletes from billing_service.accounts need, is built concurrently. Each step can be rerun.
set lock_timeout = '5s';
alter table users add column if not exists billing_account_id bigint;
do $add$
begin
    alter table users add constraint users_billing_account_id_fkey
        foreign key (billing_account_id) references billing_service.accounts (id) not valid;
exception when duplicate_object then
    null; -- added by an earlier attempt
end
$add$;
alter table users validate constraint users_billing_account_id_fkey;
create index concurrently if not exists users_billing_account_id_idx on users (billing_account_id);
