-- migrations:no-transaction
set lock_timeout = '5s';
alter table orders add column if not exists customer_id bigint;
alter table orders add constraint orders_customer_fk foreign key (customer_id) references customers_service.customers (id) not valid;
alter table orders validate constraint orders_customer_fk;
