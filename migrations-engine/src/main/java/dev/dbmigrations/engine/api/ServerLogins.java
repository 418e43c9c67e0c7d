package dev.dbmigrations.engine.api;

/**
 * The credentials of the servers a fleet names by id ({@code "serverId"} in environments.json's
 * targets): the Maven plugin reads them from settings.xml, where passwords may be encrypted.
 */
@FunctionalInterface
public interface ServerLogins {

    /** A user and password; {@link #toString()} masks the password. */
    record Login(String user, String password) {
        @Override
        public String toString() {
            return "Login[user=" + user + ", password=****]";
        }
    }

    /**
     * The login of server {@code serverId}.
     *
     * @throws IllegalArgumentException when no such server is known, with the fix
     */
    Login login(String serverId);

    /** Knows no server: every id is refused. */
    ServerLogins NONE = id -> {
        throw new IllegalArgumentException("no <server> with id '" + id + "' is known (fix: add it to settings.xml)");
    };
}
