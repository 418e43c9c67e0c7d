-- roles, written on Windows: CRLF line ends and no semicolon after the last statement
CREATE TABLE roles (
    name text PRIMARY KEY
);
INSERT INTO roles (name) VALUES ('admin'), ('member')
