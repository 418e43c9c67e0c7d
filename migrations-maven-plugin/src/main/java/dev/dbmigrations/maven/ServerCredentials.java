package dev.dbmigrations.maven;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.settings.Server;
import org.apache.maven.settings.Settings;
import org.apache.maven.settings.building.SettingsProblem;
import org.apache.maven.settings.crypto.DefaultSettingsDecryptionRequest;
import org.apache.maven.settings.crypto.SettingsDecrypter;
import org.apache.maven.settings.crypto.SettingsDecryptionResult;

/** User and password from a settings.xml server (decrypted), else the parameters, else MIGRATIONS_PASSWORD. */
final class ServerCredentials {

    record Credentials(String user, String password) {
        @Override
        public String toString() {
            return "Credentials[user=" + user + ", password=****]";
        }
    }

    private ServerCredentials() {
    }

    static Credentials resolve(Settings settings, SettingsDecrypter decrypter, String serverId, String user,
                               String password, org.apache.maven.plugin.logging.Log log) throws MojoExecutionException {
        if (serverId != null && !serverId.isBlank()) {
            Server server = settings == null ? null : settings.getServer(serverId);
            if (server == null) {
                throw new MojoExecutionException("No server '" + serverId + "' in settings.xml (fix: add"
                        + " <server><id>" + serverId + "</id><username>..</username><password>..</password></server>"
                        + " to ~/.m2/settings.xml, or unset migrations.serverId)");
            }
            SettingsDecryptionResult result = decrypter.decrypt(new DefaultSettingsDecryptionRequest(server));
            for (SettingsProblem problem : result.getProblems()) {
                if (problem.getSeverity() != SettingsProblem.Severity.WARNING) {
                    throw new MojoExecutionException("Cannot decrypt the password of server '" + serverId + "': "
                            + problem.getMessage() + " (fix: check ~/.m2/settings-security.xml and mvn --encrypt-password)");
                }
            }
            Server decrypted = result.getServer();
            boolean encrypted = server.getPassword() != null && !server.getPassword().equals(decrypted.getPassword());
            log.debug("Credentials from settings.xml server '" + serverId + "' (user " + decrypted.getUsername()
                    + ", password " + (decrypted.getPassword() == null ? "none" : encrypted ? "decrypted" : "plain") + ")");
            return new Credentials(decrypted.getUsername() != null ? decrypted.getUsername() : user,
                    decrypted.getPassword() != null ? decrypted.getPassword() : password);
        }
        String pw = password != null ? password : System.getenv("MIGRATIONS_PASSWORD");
        return new Credentials(user, pw);
    }
}
