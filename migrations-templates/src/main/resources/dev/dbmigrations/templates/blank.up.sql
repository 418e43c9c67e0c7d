-- ${version}_${name} (up): ${service}, schema ${schema}
-- Author: ${author}, ${timestamp}
-- Purpose: describe what this migration changes and why.
-- Risk: write the locks it takes and how long they are held.

