drop table order_lines;
