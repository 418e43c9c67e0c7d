set lock_timeout = '5s';
alter table users
    add column plan text not null;
