alter table orders add column legacy_code text;
