drop trigger if exists user_profiles_touch on user_profiles;
drop function if exists touch_updated_at();
drop table if exists user_profiles;
