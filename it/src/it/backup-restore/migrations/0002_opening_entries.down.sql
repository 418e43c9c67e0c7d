delete from entries where amount_cents in (100, 250);
