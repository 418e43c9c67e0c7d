create table order_lines (id int primary key);
insert into order_lines values (1);
insert into order_lines values (1);
