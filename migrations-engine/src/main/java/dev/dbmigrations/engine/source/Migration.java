package dev.dbmigrations.engine.source;

/**
 * A migration: an up file and, when it is reversible, a down file.
 *
 * @param version     the numeric version (ordering is by this value)
 * @param versionText the version as written in the file name (keeps its zero padding)
 * @param name        the part of the file name after the version
 * @param environment {@code null} for every environment, else the subfolder it lives in
 */
public record Migration(long version, String versionText, String name, String environment, Script up, Script down) {

    /** {@code <version>_<name>} as written, the id used in dependencies.json and in the tracking tables. */
    public String id() {
        return versionText + "_" + name;
    }

    public boolean reversible() {
        return down != null;
    }
}
