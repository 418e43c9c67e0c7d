drop table if exists accounts;
