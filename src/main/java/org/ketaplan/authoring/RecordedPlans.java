package org.ketaplan.authoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;

import org.ketaplan.audit.AuditStore;

/**
 * Where the check commands find the plans a service recorded, from outside that service. PostgreSQL is shared, so
 * it is read directly. The embedded H2 file is held open by the service that writes it (a second process cannot
 * open it), so the check reads a copy: MVStore finds the last complete commit in a copied file (the service writes
 * its commits there within a second), and a check judges the history up to a moment, never the plan being written.
 */
public final class RecordedPlans {

    /** The embedded database's file under {@code ketaplan.data-dir}. */
    public static final String H2_FILE = "audit.mv.db";

    /** What was read, and from where in words for the report ("none" when nothing was found). */
    public record Found(List<AuditStore.RecordedRequest> requests, String source) {
    }

    private RecordedPlans() {
    }

    /**
     * A copy of {@code dataDir}'s H2 file in a temporary folder, for a JDBC URL to open; empty when the service has
     * not recorded anything there yet. The copy is the caller's to delete.
     */
    public static java.util.Optional<Path> copyOfH2(Path dataDir) throws IOException {
        Path file = dataDir.resolve(H2_FILE);
        if (!Files.isRegularFile(file)) {
            return java.util.Optional.empty();
        }
        Path copy = Files.createTempDirectory("ketaplan-check").resolve(H2_FILE);
        try {
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES);
        } catch (IOException | RuntimeException e) {
            // A partial copy holds patient data: never left behind.
            deleteCopy(copy);
            throw e;
        }
        return java.util.Optional.of(copy);
    }

    /** The JDBC URL of an H2 file copied by {@link #copyOfH2}. */
    public static String h2Url(Path copy) {
        String name = copy.toAbsolutePath().toString();
        return "jdbc:h2:file:" + name.substring(0, name.length() - ".mv.db".length());
    }

    /**
     * The recorded requests of the service whose embedded database lives in {@code dataDir}, or of the PostgreSQL
     * database at {@code pgUrl} (with {@code pgUser} and {@code pgPassword}) when one is given, in [from, to), newest
     * first.
     */
    public static Found read(Path dataDir, String pgUrl, String pgUser, String pgPassword, Instant from, Instant to,
                             int limit) {
        if (pgUrl != null && !pgUrl.isBlank()) {
            // As the service connects: the URL's own user unless one is configured.
            java.util.Properties login = new java.util.Properties();
            if (pgUser != null && !pgUser.isEmpty()) {
                login.setProperty("user", pgUser);
            }
            if (pgPassword != null && !pgPassword.isEmpty()) {
                login.setProperty("password", pgPassword);
            }
            try (Connection c = DriverManager.getConnection(pgUrl, login)) {
                return new Found(AuditStore.requests(c, from, to, limit), "read from the PostgreSQL database " + hostOf(pgUrl));
            } catch (SQLException e) {
                return new Found(List.of(), "none: the PostgreSQL database cannot be read (" + e.getSQLState() + ")");
            }
        }
        Path copy = null;
        try {
            copy = copyOfH2(dataDir).orElse(null);
            if (copy == null) {
                return new Found(List.of(), "none: " + dataDir.resolve(H2_FILE).toAbsolutePath().normalize()
                        + " does not exist (is -Ddata the service's ketaplan.data-dir?)");
            }
            // The embedded database's own user (application.properties), not PostgreSQL's.
            try (Connection c = DriverManager.getConnection(h2Url(copy), "ketaplan", "")) {
                return new Found(AuditStore.requests(c, from, to, limit),
                        "read from a copy of " + dataDir.resolve(H2_FILE).toAbsolutePath().normalize());
            }
        } catch (IOException | SQLException e) {
            return new Found(List.of(), "none: " + dataDir.resolve(H2_FILE).toAbsolutePath().normalize()
                    + " cannot be read (" + e.getClass().getSimpleName() + ")");
        } finally {
            deleteCopy(copy);
        }
    }

    /** Removes a copy made by {@link #copyOfH2} and its folder. */
    public static void deleteCopy(Path copy) {
        if (copy == null) {
            return;
        }
        try (var files = Files.list(copy.getParent())) {
            for (Path f : files.toList()) {
                Files.deleteIfExists(f);
            }
            Files.deleteIfExists(copy.getParent());
        } catch (IOException e) {
            // A temporary copy left behind is harmless; the report is what matters.
        }
    }

    // The report names the server, never the credentials a URL may carry.
    private static String hostOf(String url) {
        int start = url.indexOf("//");
        if (start < 0) {
            return "";
        }
        int end = start + 2;
        while (end < url.length() && "/?;#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String host = url.substring(start + 2, end);
        return "at " + host.substring(host.lastIndexOf('@') + 1);
    }
}
