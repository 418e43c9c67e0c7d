set lock_timeout = '5s';
alter table invoices drop column if exists due_date;
