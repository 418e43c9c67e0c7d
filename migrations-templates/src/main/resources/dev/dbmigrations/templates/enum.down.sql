-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- PostgreSQL cannot drop an enum value, so the type is rebuilt without it and every column of the
-- type is converted. This fails, and changes nothing, while any row still holds '${value}'.
set lock_timeout = '5s';
do $rebuild$
declare
    col record;
    labels text;
begin
    if not exists (select 1 from pg_enum where enumtypid = '${object}'::regtype and enumlabel = '${value}') then
        return;
    end if;
    alter type ${object} rename to ${object}_old;
    select string_agg(quote_literal(enumlabel), ', ' order by enumsortorder) into labels
      from pg_enum where enumtypid = '${object}_old'::regtype and enumlabel <> '${value}';
    execute format('create type %I as enum (%s)', '${object}', coalesce(labels, ''));
    for col in
        select c.oid::regclass as tbl, a.attname as name, pg_get_expr(d.adbin, d.adrelid) as def
          from pg_attribute a
          join pg_class c on c.oid = a.attrelid
          left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
         where a.atttypid = '${object}_old'::regtype and a.attnum > 0 and not a.attisdropped and c.relkind = 'r'
    loop
        execute format('alter table %s alter column %I drop default', col.tbl, col.name);
        execute format('alter table %s alter column %I type %I using %I::text::%I',
                       col.tbl, col.name, '${object}', col.name, '${object}');
        if col.def is not null then
            execute format('alter table %s alter column %I set default %s', col.tbl, col.name,
                           replace(col.def, '${object}_old', '${object}'));
        end if;
    end loop;
    drop type ${object}_old;
end
$rebuild$;
