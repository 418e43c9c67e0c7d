package dev.dbmigrations.engine.api;

import java.util.List;

/**
 * What {@code migrations:verify} proved on its scratch database.
 *
 * @param scratch    where it ran (a temporary database's name, or the devUrl masked)
 * @param migrations each migration replayed, in plan order
 * @param problems   what failed: an up or down that does not apply, a down that does not restore the
 *                   catalog, an up that gives another catalog the second time, a plan that cannot be made
 * @param warnings   what is worth a look: a migration without a down file, a lint prediction that the
 *                   traced locks and rewrites contradict
 */
public record VerifyResult(String scratch, List<Migration> migrations, List<Problem> problems, List<Problem> warnings) {

    public VerifyResult {
        migrations = List.copyOf(migrations);
        problems = List.copyOf(problems);
        warnings = List.copyOf(warnings);
    }

    public boolean ok() {
        return problems.isEmpty();
    }

    /**
     * One migration's replay: {@code down}, {@code restored} and {@code upAgain} are null when that
     * part did not run (no down file, or an earlier part failed).
     */
    public record Migration(String service, long version, String id, boolean up, Boolean down, Boolean restored,
                            Boolean upAgain, long millis, List<String> trace, boolean proven) {

        public Migration {
            trace = trace == null ? List.of() : List.copyOf(trace);
        }

        /** A migration of a full verify: its rollback was tried (or it has none). */
        public Migration(String service, long version, String id, boolean up, Boolean down, Boolean restored,
                         Boolean upAgain, long millis) {
            this(service, version, id, up, down, restored, upAgain, millis, List.of(), true);
        }

        /** A migration of the syntax mode: its up ran once, nothing else was tried. */
        public static Migration upOnly(String service, long version, String id, boolean up, long millis) {
            return new Migration(service, version, id, up, null, null, null, millis, List.of(), false);
        }

        /** The same, with the locks and rewrites its up was seen to take, a line per statement that took any. */
        public Migration withTrace(List<String> lines) {
            return new Migration(service, version, id, up, down, restored, upAgain, millis, lines, proven);
        }

        /** {@code 0007_add_nickname  up ok  down ok (catalog restored)  up again ok}. */
        public String line() {
            StringBuilder sb = new StringBuilder(id).append("  up ").append(up ? "ok" : "FAILED");
            if (down == null && !proven) {
                // the syntax mode runs ups only
            } else if (down == null) {
                sb.append(up ? "  no down file (irreversible)" : "");
            } else {
                sb.append("  down ").append(down ? "ok" : "FAILED");
                if (restored != null) {
                    sb.append(restored ? " (catalog restored)" : " (catalog NOT restored)");
                }
                if (upAgain != null) {
                    sb.append("  up again ").append(upAgain ? "ok" : "FAILED");
                }
            }
            return sb.append("  ").append(millis).append(" ms").toString();
        }
    }
}
