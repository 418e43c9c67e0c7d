create type invoice_status as enum ('draft', 'issued', 'paid');

create table if not exists invoices (
    id          bigint generated always as identity primary key,
    account_id  bigint         not null references accounts (id),
    status      invoice_status not null default 'draft',
    total_cents bigint         not null default 0 check (total_cents >= 0),
    issued_at   timestamptz
);

create index if not exists invoices_account_id on invoices (account_id);
