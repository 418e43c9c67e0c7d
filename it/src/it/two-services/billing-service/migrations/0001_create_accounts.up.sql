create table accounts (
  id bigint generated always as identity primary key,
  owner_email text not null
);
