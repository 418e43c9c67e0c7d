alter table invoices drop column if exists due_date;
