-- migrations:no-transaction
create unique index concurrently if not exists users_email_key on users (email);
