create table payments (id bigint primary key, amount_cents bigint not null);
