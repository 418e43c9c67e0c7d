insert into entries (amount_cents) values (100), (250);
