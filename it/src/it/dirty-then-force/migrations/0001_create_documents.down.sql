drop table documents;
