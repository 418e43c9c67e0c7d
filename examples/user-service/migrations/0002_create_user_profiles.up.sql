create table if not exists user_profiles (
    user_id      bigint primary key references users (id) on delete cascade,
    display_name text,
    bio          text,
    updated_at   timestamptz not null default now()
);

create or replace function touch_updated_at() returns trigger
language plpgsql as $touch$
begin
    new.updated_at := now();
    return new;
end;
$touch$;

create trigger user_profiles_touch
    before update on user_profiles
    for each row execute function touch_updated_at();
