drop index orders_note;
alter table orders drop column note;
