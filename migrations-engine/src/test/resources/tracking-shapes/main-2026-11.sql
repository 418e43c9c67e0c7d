-- The tracking tables as main made them until 2026-11 (5336bd6): everything of today but the
-- version table. {schema} is the service schema.
create schema {schema};
create table {schema}.{schema}_schema_migrations (version bigint not null primary key, dirty boolean not null);
create table {schema}.migrations_applied (version bigint primary key, name text not null, checksum text,
    kind text not null default 'applied', run_mode text, environment text,
    applied_at timestamptz not null default now(), applied_by text,
    db_user text not null default current_user, execution_ms bigint, service text,
    requires text[] not null default '{}');
create table {schema}.migrations_progress (version bigint primary key, direction text not null,
    checksum text not null, statements_done integer not null, updated_at timestamptz not null default now());
create table {schema}.migrations_seeds (name text primary key, checksum text not null, environment text,
    applied_at timestamptz not null default now(), applied_by text,
    db_user text not null default current_user, execution_ms bigint);
create table {schema}.migrations_history (id bigserial primary key, version bigint not null, name text,
    action text not null, outcome text not null, checksum text, run_mode text, environment text,
    started_at timestamptz not null, duration_ms bigint, applied_by text,
    db_user text not null default current_user, sqlstate text, error text, error_line integer, detail text);
