alter table users drop column nickname;
