create table entries (
    id bigint generated always as identity primary key,
    amount_cents bigint not null
);
