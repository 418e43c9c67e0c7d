set lock_timeout = '5s';
alter table payments drop column currency;
