-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Purpose: create table ${table}.
-- Risk: low. A new table takes no lock on existing ones; nobody reads it before this deploy.
create table if not exists ${table} (
    id         bigint generated always as identity primary key,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

comment on table ${table} is 'Owned by ${service}.';
