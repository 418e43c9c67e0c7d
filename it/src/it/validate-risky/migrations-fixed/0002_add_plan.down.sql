set lock_timeout = '5s';
alter table users drop column plan;
