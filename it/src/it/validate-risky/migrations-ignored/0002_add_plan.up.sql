-- migrations:ignore adding-not-nullable-field users is empty in every environment until the launch
set lock_timeout = '5s';
alter table users
    add column plan text not null;
