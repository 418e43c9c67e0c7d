drop table user_profiles;
