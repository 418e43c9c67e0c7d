drop table if exists ${table}_audit;
