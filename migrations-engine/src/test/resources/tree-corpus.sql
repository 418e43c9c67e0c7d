-- Statements as migration folders write them, for TreeAgreementTest: the rules' reading of each
-- (its table, its ALTER TABLE actions, its columns, its row of the lock model) must agree with
-- PostgreSQL's own parse tree. Forms from PostgreSQL's reference pages, written the ways people do.

create table if not exists public.accounts (
    id bigint generated always as identity primary key,
    "Display Name" text not null,
    email citext unique,
    created_at timestamptz not null default now(),
    constraint accounts_email_lower check (email = lower(email))
);
CREATE TABLE "Billing"."Invoices" (id bigserial, account_id bigint REFERENCES public.accounts (id) ON DELETE CASCADE, total numeric(12,2) DEFAULT 0, PRIMARY KEY (id));
create unlogged table scratch (k text, v jsonb);
create temporary table tmp_ids (id bigint) on commit drop;
create table events (id bigint, at timestamptz not null, payload jsonb) partition by range (at);
create table events_2026 partition of events for values from ('2026-01-01') to ('2027-01-01');
create table if not exists app.events_default partition of app.events default;
create table audit_log (like accounts including all);
create table totals as select account_id, sum(total) from invoices group by account_id;
CREATE TABLE t_inherit (extra int) INHERITS (accounts);

alter table accounts add column plan text not null default 'free';
ALTER TABLE ONLY public.accounts ADD COLUMN IF NOT EXISTS nickname varchar(40), ADD COLUMN bio text;
alter table if exists accounts alter column nickname type text;
alter table accounts alter nickname set data type varchar(80) using nickname::varchar(80);
alter table accounts alter column plan set default 'pro', alter column plan drop default;
alter table accounts alter column email set not null;
alter table accounts alter column email drop not null;
alter table accounts drop column if exists bio cascade;
alter table accounts drop bio;
alter table accounts rename column nickname to handle;
alter table accounts rename nickname to handle;
alter table accounts rename to customers;
alter table accounts rename constraint accounts_email_lower to accounts_email_lc;
alter table accounts set schema archive;
alter table invoices add constraint invoices_account_fk foreign key (account_id) references accounts (id) not valid;
alter table invoices add foreign key (account_id) references accounts (id) on delete set null;
alter table invoices validate constraint invoices_account_fk;
alter table invoices add constraint total_positive check (total >= 0) not valid, validate constraint invoices_account_fk;
alter table invoices add constraint invoices_number_key unique (number);
alter table invoices add constraint invoices_number_key unique using index invoices_number_idx;
alter table invoices add primary key using index invoices_pkey_idx;
alter table invoices add constraint no_overlap exclude using gist (room with =, during with &&);
alter table invoices drop constraint if exists total_positive;
alter table invoices set (fillfactor = 80);
alter table invoices set (autovacuum_vacuum_scale_factor = 0.01, autovacuum_analyze_scale_factor = 0.005);
alter table invoices reset (fillfactor);
alter table invoices set (fillfactor = 80, user_catalog_table = true);
alter table invoices alter column total set statistics 1000;
alter table invoices alter column account_id set (n_distinct = -0.5);
alter table invoices alter column account_id reset (n_distinct);
alter table invoices alter column note set storage external;
alter table invoices alter column note set compression lz4;
alter table invoices cluster on invoices_pkey;
alter table invoices set without cluster;
alter table invoices set logged;
alter table invoices set unlogged;
alter table invoices set tablespace fast_ssd;
alter table invoices set access method heap;
alter table invoices enable trigger invoices_touch;
alter table invoices disable trigger all;
alter table invoices enable always trigger invoices_touch;
alter table invoices enable row level security;
alter table invoices force row level security;
alter table invoices replica identity full;
alter table invoices owner to billing_owner;
alter table invoices inherit accounts;
alter table invoices no inherit accounts;
alter table invoices of invoice_type;
alter table events attach partition events_2027 for values from ('2027-01-01') to ('2028-01-01');
alter table events detach partition events_2025;
alter table events detach partition events_2025 concurrently;
alter table "Billing"."Invoices" add column "Note" text;
alter table billing.invoices alter column "Total" type numeric(14,2);
alter table invoices * add column x int;
ALTER TABLE invoices
    ADD COLUMN paid_at timestamptz,
    ADD COLUMN paid boolean NOT NULL DEFAULT false,
    ALTER COLUMN total SET NOT NULL;
alter table invoices add column id2 bigint generated always as identity;
alter table invoices add column total_cents bigint generated always as ((total * 100)::bigint) stored;
alter table invoices alter column id add generated by default as identity;
alter table invoices alter column id set generated always;
alter table invoices alter column id drop identity if exists;
alter table invoices alter column id restart with 1000;
alter table invoices add column ref uuid default gen_random_uuid() references refs (id);
alter table invoices add constraint invoices_total_nn check (total is not null) not valid;

create index invoices_account on invoices (account_id);
create unique index concurrently if not exists invoices_number on billing.invoices using btree (lower(number)) where deleted_at is null;
create index on invoices using gin (payload jsonb_path_ops);
CREATE INDEX CONCURRENTLY "Invoices_Note_idx" ON "Billing"."Invoices" ("Note") INCLUDE (total) WITH (fillfactor = 70);
create index events_at on only events (at);
create index if not exists invoices_brin on invoices using brin (created_at) with (pages_per_range = 32) tablespace fast_ssd;
drop index invoices_account;
drop index concurrently if exists invoices_number, invoices_brin;
drop index if exists billing."Invoices_Note_idx" cascade;
reindex index invoices_account;
reindex table concurrently invoices;
reindex (verbose) table invoices;
reindex (concurrently, verbose) index invoices_account;
vacuum invoices;
vacuum (full, analyze) invoices;
vacuum full invoices;
vacuum (analyze, verbose) invoices;
analyze invoices;
cluster invoices using invoices_pkey;
cluster invoices;
refresh materialized view totals;
refresh materialized view concurrently totals with data;
truncate invoices;
truncate table only invoices, accounts restart identity cascade;
drop table invoices;
drop table if exists invoices, accounts cascade;
drop table "Billing"."Invoices";
create trigger invoices_touch before update on invoices for each row execute function touch();
create or replace trigger invoices_touch before update on invoices for each row execute function touch();
create constraint trigger invoices_check after insert on invoices deferrable initially deferred for each row execute function check_invoice();
drop trigger if exists invoices_touch on invoices;
lock table invoices;
lock invoices in share row exclusive mode;
lock table only invoices, accounts in access share mode nowait;
update invoices set total = 0;
update only invoices i set total = 0 from accounts a where a.id = i.account_id;
delete from invoices where total < 0;
delete from only invoices using accounts where accounts.id = invoices.account_id;
insert into invoices (account_id, total) values (1, 2.50), (2, 3);
insert into invoices select * from old_invoices on conflict do nothing;
merge into invoices i using staged s on s.id = i.id when matched then update set total = s.total when not matched then insert values (s.id, s.total);
with moved as (delete from invoices where total = 0 returning *) insert into archive select * from moved;
with recursive ids(id) as (select 1 union all select id + 1 from ids where id < 10) update invoices set total = 1 where id in (select id from ids);
comment on table invoices is 'what customers owe';
comment on column invoices.total is 'in the account''s currency';
create policy invoices_owner on invoices for select to app using (account_id = current_setting('app.account')::bigint);
alter policy invoices_owner on invoices using (true);
drop policy if exists invoices_owner on invoices;
create rule invoices_no_delete as on delete to invoices do instead nothing;
create or replace rule invoices_log as on update to invoices do also insert into log values (new.id);
drop rule if exists invoices_log on invoices;
create view open_invoices as select * from invoices where paid_at is null;
create materialized view totals2 as select 1;
create sequence invoice_numbers start 1000;
create type invoice_state as enum ('open', 'paid');
alter type invoice_state add value if not exists 'void';
create domain money_amount as numeric(12,2) check (value >= 0);
alter domain money_amount add constraint positive check (value > 0) not valid;
create extension if not exists pgcrypto;
create schema if not exists billing;
drop schema if exists scratch cascade;
grant select on invoices to reporting;
set lock_timeout = '5s';
set local statement_timeout to '1min';
select set_config('lock_timeout', '3s', false);
create function touch() returns trigger language plpgsql as $$ begin new.updated_at := now(); return new; end $$;
do $$ begin raise notice 'hello'; end $$;

-- lexical traps: keywords as names, comments and odd spacing inside statements, quoted names with dots
ALTER TABLE "my.table" ADD COLUMN "select" int;
alter table t add column check_x int, add column "NOT" text;
alter table t add constraint "not" check ("NOT" <> '') not valid;
alter table t add column x int constraint x_nn not null default 0;
alter table t /* why */ add column /* what */ y int -- and a trailing note
;
ALTER	TABLE
  t
    ALTER   COLUMN   y   TYPE   bigint   USING   y::bigint;
alter table t add column note text default $$it's; fine$$;
alter table t add column tags text[] not null default '{}';
alter table t add column matrix integer[][];
alter table t add column price numeric(12, 2) default 0.00 check (price >= 0);
alter table t add column at timestamp(3) with time zone;
alter table t add column span interval;
alter table t add column flags bit varying(8);
alter table t add column c character varying(20) collate "C";
alter table t add column d double precision, add column r real, add column b boolean;
alter table t add column u public.custom_type;
alter table t alter column price type numeric(14,2), alter column note type varchar(200) collate "C";
alter table t alter c type character(10);
alter table t alter column at type timestamp without time zone;
create table "Weird ""Quoted"" Name" ("a b" int, "C" text, d int4 primary key);
create table t2 (a int references t (id), b int, foreign key (b) references t (id), unique (a, b));
create table t3 (id int8 not null, like t including defaults, exclude using gist (id with =));
create table t4 (id serial primary key, code char(2), created timestamp default current_timestamp);
create table if not exists t5 of some_type (primary key (id));
create table t6 partition of events (at default now()) for values in ('x');
create table t7 (id bigint) with (fillfactor = 70) tablespace fast_ssd;
create table t8 (id bigint) inherits (t);
insert into t (id) values (1) returning id;
update t set y = y + 1 where true returning *;
delete from t returning id;
alter table t enable replica trigger t_touch;
alter table t disable trigger user, enable trigger all;
alter table t enable rule r, disable rule r;
alter table t alter column y set statistics -1, set (parallel_workers = 4);
alter table t set (toast.autovacuum_enabled = false, autovacuum_enabled = false);
