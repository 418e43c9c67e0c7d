create table categories (
    id bigint generated always as identity primary key,
    slug text not null unique,
    title text not null
);
