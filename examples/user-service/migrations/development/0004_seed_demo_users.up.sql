-- Demo users for local development only (applied only with -Dmigrations.environment=development).
insert into users (email) values ('ada@example.com'), ('grace@example.com');
