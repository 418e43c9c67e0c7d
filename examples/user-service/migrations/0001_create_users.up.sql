-- The users of the platform. Owned by user-service; other services read it through the API.
create table if not exists users (
    id         bigint generated always as identity primary key,
    email      text        not null,
    created_at timestamptz not null default now()
);
