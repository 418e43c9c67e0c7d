set lock_timeout = '5s';
alter table payments
    add column currency text not null references currencies (code);
