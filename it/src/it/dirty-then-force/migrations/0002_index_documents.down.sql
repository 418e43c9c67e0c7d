-- migrations:no-transaction
drop index concurrently if exists documents_bad;
drop index concurrently if exists documents_title;
