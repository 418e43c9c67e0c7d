create table if not exists accounts (
    id          bigint generated always as identity primary key,
    owner_email text        not null,
    created_at  timestamptz not null default now()
);
