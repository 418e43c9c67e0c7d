-- ${version}_${name} (down): undoes ${version}_${name}.up.sql

