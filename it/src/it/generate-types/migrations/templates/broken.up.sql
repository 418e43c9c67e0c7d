-- ${version}_${name}
select '${owner}';
