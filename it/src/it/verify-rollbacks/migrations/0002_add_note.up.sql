alter table orders add column note text;
create index orders_note on orders (note);
