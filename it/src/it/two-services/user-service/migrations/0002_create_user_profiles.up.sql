create table user_profiles (
  user_id bigint primary key references users (id),
  display_name text
);
