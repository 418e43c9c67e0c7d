create table orders (id bigint primary key, total numeric(12, 2));
