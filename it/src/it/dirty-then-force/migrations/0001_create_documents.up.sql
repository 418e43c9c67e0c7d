create table documents (id int primary key, title text);
