insert into categories (slug, title) values ('books', 'Books'), ('music', 'Music')
on conflict (slug) do update set title = excluded.title;
