package dev.dbmigrations.engine.execute;

import dev.dbmigrations.engine.api.Check;
import dev.dbmigrations.engine.api.MigrationsConfig;
import dev.dbmigrations.engine.api.Problem;
import dev.dbmigrations.engine.api.Secrets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Backups of a service schema with PostgreSQL's own tools: {@code pg_dump --format=custom
 * --schema=<schema>}, and {@code pg_restore --file=-} to read a dump back as SQL. Connection facts come from the JDBC
 * URL; the password goes to the tool in its environment ({@code PGPASSWORD}), never on its command
 * line, and never into a message.
 */
public final class Backups {

    /** What a dump or restore did: the file and its size, or why it failed. */
    public record Outcome(Path file, long bytes, long millis, Problem problem, String summary) {
        public Outcome(Path file, long bytes, long millis, Problem problem) {
            this(file, bytes, millis, problem, "");
        }

        public boolean ok() {
            return problem == null;
        }

        Outcome withSummary(String s) {
            return new Outcome(file, bytes, millis, problem, s);
        }
    }

    private final MigrationsConfig config;

    public Backups(MigrationsConfig config) {
        this.config = config;
    }

    /** Dumps the service schema into {@code file} (its folder is created). */
    public Outcome dump(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            return failed(file, 0, "pg_dump", "cannot create the backup folder: " + e.getMessage(),
                    "point migrations.backupFile (or migrations.backupDir) at a writable folder");
        }
        List<String> cmd = new ArrayList<>(List.of(tool("pg_dump"), "--format=custom", "--no-password",
                "--schema=" + config.schema(), "--file=" + file));
        Outcome o = run("pg_dump", cmd, file);
        if (!o.ok()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a half-written dump that cannot be deleted is named in the problem anyway
            }
        }
        return o;
    }

    /**
     * Restores {@code file} on {@code c}, inside the caller's transaction: {@code pg_restore} only turns
     * the dump into SQL (it does not connect), and {@link RestoreScript} runs that on {@code c}, so the
     * caller can make the whole restore one transaction with what it does around it. The schema the
     * dump holds must not exist. On failure the caller rolls back.
     */
    public Outcome restoreInto(java.sql.Connection c, Path file) throws java.sql.SQLException {
        long t0 = System.nanoTime();
        List<String> cmd = List.of(tool("pg_restore"), "--no-owner", "--file=-", file.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
            p.getOutputStream().close();
        } catch (IOException e) {
            return failed(file, t0, "pg_restore", "pg_restore could not be started: " + e.getMessage(),
                    "install the PostgreSQL client tools of the server's major version or newer (Debian:"
                            + " apt-get install postgresql-client), or set migrations.pgBin to the folder holding pg_restore");
        }
        java.util.concurrent.CompletableFuture<String> errors = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return e.getMessage();
            }
        });
        RestoreScript script = new RestoreScript(c);
        String failure = null;
        try (java.io.BufferedReader in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                StandardCharsets.UTF_8))) {
            script.run(in);
        } catch (IOException e) {
            failure = e.getMessage();
            p.destroy();
        } catch (java.sql.SQLException | RuntimeException e) {
            p.destroy();
            throw e;
        }
        int exit;
        try {
            exit = p.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(file, t0, "pg_restore", "pg_restore was interrupted", "run it again");
        }
        String stderr = errors.join().strip();
        if (failure == null && exit != 0) {
            failure = "pg_restore exited with " + exit + ": " + stderr;
        }
        if (failure != null) {
            String fix = stderr.contains("unsupported version") || stderr.contains("version")
                    ? "use pg_restore of the version that wrote the dump or newer: set migrations.pgBin, e.g. /usr/lib/postgresql/16/bin"
                    : "check the message; the restore was rolled back and nothing changed";
            return failed(file, t0, "pg_restore", failure, fix);
        }
        return new Outcome(file, file.toFile().length(), (System.nanoTime() - t0) / 1_000_000, null)
                .withSummary(script.summary());
    }

    private String tool(String name) {
        return config.pgBin() == null ? name : Path.of(config.pgBin()).resolve(name).toString();
    }

    private Outcome run(String name, List<String> command, Path file) {
        long t0 = System.nanoTime();
        Properties url;
        try {
            url = org.postgresql.Driver.parseURL(config.url(), new Properties());
        } catch (RuntimeException e) {
            url = null;
        }
        if (url == null) {
            return failed(file, t0, name, "cannot read host, port and database from " + config.maskedUrl(),
                    "use a URL of the form jdbc:postgresql://host:port/database");
        }
        List<String> cmd = new ArrayList<>(command);
        // connection arguments go before the file of pg_restore and anywhere for pg_dump
        int at = name.equals("pg_restore") ? cmd.size() - 1 : cmd.size();
        List<String> conn = new ArrayList<>(List.of("--host=" + url.getProperty("PGHOST", "localhost"),
                "--port=" + url.getProperty("PGPORT", "5432"), "--dbname=" + url.getProperty("PGDBNAME", "postgres")));
        String user = config.user() != null && !config.user().isBlank() ? config.user() : url.getProperty("user");
        if (user != null) {
            conn.add("--username=" + user);
        }
        cmd.addAll(at, conn);
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        Map<String, String> env = pb.environment();
        String password = config.password() != null && !config.password().isEmpty() ? config.password()
                : url.getProperty("password");
        if (password != null) {
            env.put("PGPASSWORD", password);
        }
        if (url.getProperty("sslmode") != null) {
            env.put("PGSSLMODE", url.getProperty("sslmode"));
        }
        String output;
        int exit;
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            exit = p.waitFor();
        } catch (IOException e) {
            return failed(file, t0, name, name + " could not be started: " + Secrets.scrub(e.getMessage(), password),
                    "install the PostgreSQL client tools of the server's major version or newer (Debian:"
                            + " apt-get install postgresql-client), or set migrations.pgBin to the folder holding " + name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return failed(file, t0, name, name + " was interrupted", "run it again");
        }
        if (exit != 0) {
            String last = output.strip().lines().reduce((a, b) -> b).orElse("");
            String fix = last.contains("server version") && last.contains("mismatch")
                    ? "use " + name + " of the server's major version or newer: set migrations.pgBin, e.g."
                    + " /usr/lib/postgresql/16/bin"
                    : "check the message above; nothing was changed by " + name;
            return failed(file, t0, name, name + " exited with " + exit + ": " + Secrets.scrub(output.strip(), password), fix);
        }
        long bytes;
        try {
            bytes = Files.size(file);
        } catch (IOException e) {
            bytes = -1;
        }
        return new Outcome(file, bytes, (System.nanoTime() - t0) / 1_000_000, null);
    }

    private static Outcome failed(Path file, long t0, String name, String message, String fix) {
        return new Outcome(file, 0, t0 == 0 ? 0 : (System.nanoTime() - t0) / 1_000_000,
                (name.equals("pg_dump") ? Check.BACKUP_FAILED : Check.RESTORE_FAILED).at(file, 0, 0, message, fix));
    }
}
