-- Purpose: create table orders.
create table orders (
    id bigint generated always as identity primary key,
    legacy_code text
);
