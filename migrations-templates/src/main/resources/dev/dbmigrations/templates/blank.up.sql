-- ${version}_${name} (${service}, schema ${schema})
-- Author: ${author}, ${timestamp}
-- Purpose: describe the change and why.
-- Risk: name the locks it takes and how long they are held (see docs/validation.md).
-- Write the statements below. Until then migrations:validate warns that the migration is empty.

