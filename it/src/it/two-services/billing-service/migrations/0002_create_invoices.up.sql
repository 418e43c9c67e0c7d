create table invoices (
  id bigint generated always as identity primary key,
  account_id bigint not null references accounts (id),
  total_cents bigint not null default 0
);
