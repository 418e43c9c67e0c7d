CREATE TABLE users (
    id serial PRIMARY KEY,
    email varchar(255) NOT NULL UNIQUE,
    created_at timestamp NOT NULL DEFAULT now()
);
