-- A nullable column with no default: a metadata-only change, no table rewrite.
set lock_timeout = '5s';
alter table invoices add column if not exists due_date date;
