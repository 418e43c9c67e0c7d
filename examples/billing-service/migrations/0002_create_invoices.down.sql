drop table if exists invoices;
drop type if exists invoice_status;
