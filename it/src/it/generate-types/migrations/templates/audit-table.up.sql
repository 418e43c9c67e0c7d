-- ${version}_${name}: an audit table for ${table} (the team's own template)
-- Purpose: audit rows of ${table}.
create table if not exists ${table}_audit (
    id         bigint generated always as identity primary key,
    changed_at timestamptz not null default now()
);
