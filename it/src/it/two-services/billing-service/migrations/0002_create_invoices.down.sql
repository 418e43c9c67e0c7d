drop table invoices;
