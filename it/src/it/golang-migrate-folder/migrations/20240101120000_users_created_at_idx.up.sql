CREATE INDEX CONCURRENTLY IF NOT EXISTS users_created_at_idx ON users (created_at);
