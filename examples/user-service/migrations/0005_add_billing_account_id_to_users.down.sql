-- migrations:no-transaction
-- 0005_add_billing_account_id_to_users (user-service, schema user_service)
-- Author: dbmigrations examples, 2026-11-25T17:05:50Z
set lock_timeout = '5s';
drop index concurrently if exists users_billing_account_id_idx;
alter table users drop constraint if exists users_billing_account_id_fkey;
alter table users drop column if exists billing_account_id;
