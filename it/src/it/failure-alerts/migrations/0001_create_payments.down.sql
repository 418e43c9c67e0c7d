drop table payments;
