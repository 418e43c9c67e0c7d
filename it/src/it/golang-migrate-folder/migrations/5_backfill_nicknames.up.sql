UPDATE users SET nickname = split_part(email, '@', 1) WHERE nickname IS NULL;
