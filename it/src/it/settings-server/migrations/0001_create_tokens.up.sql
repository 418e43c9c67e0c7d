create table tokens (id int primary key);
