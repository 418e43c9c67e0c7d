-- migrations:no-transaction
create index concurrently documents_title on documents (title);
create index concurrently documents_bad on documents (no_such_column);
