insert into categories (slug, title) values ('archive', 'Archive') on conflict (slug) do nothing;
