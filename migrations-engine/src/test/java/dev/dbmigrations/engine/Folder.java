package dev.dbmigrations.engine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes migration files into a temporary folder for tests. */
public final class Folder {

    private final Path dir;

    public Folder(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    public Folder file(String relative, String content) {
        return bytes(relative, content.getBytes(StandardCharsets.UTF_8));
    }

    public Folder bytes(String relative, byte[] content) {
        try {
            Path p = dir.resolve(relative);
            Files.createDirectories(p.getParent());
            Files.write(p, content);
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code <id>.up.sql} and, when {@code down} is not null, {@code <id>.down.sql}. */
    public Folder migration(String id, String up, String down) {
        file(id + ".up.sql", up);
        if (down != null) {
            file(id + ".down.sql", down);
        }
        return this;
    }

    public Path path(String relative) {
        return dir.resolve(relative);
    }
}
