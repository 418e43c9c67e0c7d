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
                            Boolean upAgain, long millis, List<Traced> trace, boolean proven) {

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

        /** The same, with the locks and rewrites its up was seen to take, one entry per statement that took any. */
        public Migration withTrace(List<Traced> lines) {
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
            trace.stream().filter(t -> t.risk() != Risk.LOW).max(java.util.Comparator.comparing(Traced::risk))
                    .ifPresent(t -> sb.append("  traced ").append(t.risk().label()).append(" (line ").append(t.line())
                            .append(": ").append(t.rewritten().isEmpty() ? t.locks().get(0).toString()
                                    : "rewrote " + String.join(", ", t.rewritten())).append(')'));
            return sb.append("  ").append(millis).append(" ms").toString();
        }
    }

    /** A risk as verify saw it happen, from the least to the most. */
    public enum Risk {
        LOW, MEDIUM, HIGH;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** A lock a statement was seen to hold on a relation that existed before its migration, and what it blocks. */
    public record Lock(String mode, String relation, String blocks) {
        @Override
        public String toString() {
            return mode + " on " + relation;
        }
    }

    /**
     * One statement of an up as PostgreSQL ran it on the scratch database: its first line, the strong
     * locks it took, the relations it rewrote, and the risk that follows from them (see docs/verify.md,
     * "Traced locks and rewrites") with the reason in words.
     */
    public record Traced(int line, List<Lock> locks, List<String> rewritten, Risk risk, String reason) {
        public Traced {
            locks = List.copyOf(locks);
            rewritten = List.copyOf(rewritten);
        }

        /** {@code line 2: AccessExclusiveLock on users; rewrote users, users_pkey: high, ...}. */
        @Override
        public String toString() {
            List<String> parts = new java.util.ArrayList<>();
            if (!locks.isEmpty()) {
                parts.add(String.join(", ", locks.stream().map(Lock::toString).toList()));
            }
            if (!rewritten.isEmpty()) {
                parts.add("rewrote " + String.join(", ", rewritten));
            }
            return "line " + line + ": " + (parts.isEmpty() ? "no strong lock" : String.join("; ", parts))
                    + " (risk " + risk.label() + ": " + reason + ")";
        }
    }
}
