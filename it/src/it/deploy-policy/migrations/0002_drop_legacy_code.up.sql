-- Purpose: drop the legacy code nobody reads since the import ended.
set lock_timeout = '5s';
alter table orders drop column legacy_code;
