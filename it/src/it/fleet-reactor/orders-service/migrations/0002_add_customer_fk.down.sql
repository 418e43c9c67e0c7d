set lock_timeout = '5s';
alter table orders drop column if exists customer_id;
