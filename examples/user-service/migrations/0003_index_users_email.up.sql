-- migrations:no-transaction
-- Built concurrently so that writes to users go on while the index builds.
set lock_timeout = '5s';
create unique index concurrently if not exists users_email_key on users (lower(email));
