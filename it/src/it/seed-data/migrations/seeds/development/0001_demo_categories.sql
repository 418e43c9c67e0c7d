insert into categories (slug, title) values ('demo', 'Demo data') on conflict (slug) do nothing;
