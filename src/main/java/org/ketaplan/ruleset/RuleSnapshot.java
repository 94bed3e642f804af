package org.ketaplan.ruleset;

import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.kie.api.KieBase;
import org.kie.api.definition.KiePackage;

/**
 * A rule set compiled and gated by the build, so that a start-up on the same rules and the same application needs
 * neither (docs/deploy.md, "Start-up"). It is trusted only where both match exactly: the SHA-256 of every file
 * the service reads from the rules directory, scenarios included, and a fingerprint of the application's code (its jars and the
 * names and sizes of its libraries). Anything else, including an unreadable file, is compiled and gated as usual.
 *
 * <p>The file is Java serialisation of the compiled Drools packages: it is as trusted as the application's jars,
 * so it lives beside them (written by the build, read-only in the image), never in the rules directory, which
 * clinical leads change.
 */
public final class RuleSnapshot {

    /** The snapshot beside {@code quarkus-run.jar}. */
    public static final String FILE_NAME = "rules-snapshot.bin";
    private static final String MAGIC = "ketaplan-rules-snapshot/3";

    private final String application;
    private final String rules;
    private final Map<String, Set<String>> scenariosByRuleId;
    private final List<String> absentClasses;
    /** The whole file, read once so that header and packages are one file's; dropped once the packages are read. */
    private byte[] bytes;
    private final int packagesAt;
    /** The knowledge base built from the packages, once. */
    private KieBase kieBase;
    /** Started by {@link #preload()} before the framework boots; null when nothing was started. */
    private static volatile java.util.concurrent.CompletableFuture<RuleSnapshot> preloading;

    private RuleSnapshot(String application, String rules, Map<String, Set<String>> scenariosByRuleId,
                         List<String> absentClasses, byte[] bytes, int packagesAt) {
        this.application = application;
        this.rules = rules;
        this.scenariosByRuleId = scenariosByRuleId;
        this.absentClasses = absentClasses;
        this.bytes = bytes;
        this.packagesAt = packagesAt;
    }

    /** The fingerprint of the application it was made by. */
    public String application() {
        return application;
    }

    /** The SHA-256 of the rules directory it was made from. */
    public String rules() {
        return rules;
    }

    /** The gate's outcome at build time: which scenarios exercised each rule. */
    public Map<String, Set<String>> scenariosByRuleId() {
        return scenariosByRuleId;
    }

    /**
     * Class names the rules' expressions make Drools ask about that the application does not have: known absent,
     * a start-up does not ask again (each question costs a jar opening in the packaged application).
     */
    List<String> absentClasses() {
        return absentClasses;
    }

    /**
     * Writes a rule set that passed its gate, atomically (a half-written snapshot must never be read).
     *
     * @param rulesHash the {@link #directoryHash} of the directory the rule set was built from
     */
    public static void write(Path file, String application, String rulesHash, RuleBase gated) {
        List<String> absent = RuleBaseLoader.absentClasses();
        try {
            Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".rules-snapshot", ".tmp");
            try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp)))) {
                out.writeUTF(MAGIC);
                out.writeUTF(application);
                out.writeUTF(rulesHash);
                out.writeInt(gated.scenariosByRuleId().size());
                for (var e : new TreeMap<>(gated.scenariosByRuleId()).entrySet()) {
                    out.writeUTF(e.getKey());
                    out.writeInt(e.getValue().size());
                    for (String scenario : new TreeSet<>(e.getValue())) {
                        out.writeUTF(scenario);
                    }
                }
                out.writeInt(absent.size());
                for (String name : absent) {
                    out.writeUTF(name);
                }
                out.flush();
                try (DroolsObjectOutputStream packages = new DroolsObjectOutputStream(out)) {
                    packages.writeObject(new ArrayList<>(gated.kieBase().getKiePackages()));
                }
            }
            if (tmp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                // A temporary file is private to its writer; the service may run as another user (the image's).
                Files.setPosixFilePermissions(tmp, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the rule snapshot " + file, e);
        }
    }

    /** Reads the file and its header; the packages are read by {@link #kieBase}, once the header has been matched. */
    public static RuleSnapshot readHeader(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        java.io.ByteArrayInputStream raw = new java.io.ByteArrayInputStream(bytes);
        DataInputStream in = new DataInputStream(raw);
        try {
            if (!MAGIC.equals(in.readUTF())) {
                throw new IOException("not a rule snapshot of this format");
            }
            String application = in.readUTF();
            String rules = in.readUTF();
            int rulesCovered = in.readInt();
            if (rulesCovered < 0 || rulesCovered > 100_000) {
                throw new IOException("damaged rule snapshot");
            }
            Map<String, Set<String>> coverage = new LinkedHashMap<>();
            for (int i = 0; i < rulesCovered; i++) {
                String id = in.readUTF();
                int n = in.readInt();
                if (n < 0 || n > 100_000) {
                    throw new IOException("damaged rule snapshot");
                }
                Set<String> scenarios = new TreeSet<>();
                for (int j = 0; j < n; j++) {
                    scenarios.add(in.readUTF());
                }
                coverage.put(id, Set.copyOf(scenarios));
            }
            int absentCount = in.readInt();
            if (absentCount < 0 || absentCount > 100_000) {
                throw new IOException("damaged rule snapshot");
            }
            List<String> absent = new ArrayList<>(absentCount);
            for (int i = 0; i < absentCount; i++) {
                absent.add(in.readUTF());
            }
            return new RuleSnapshot(application, rules, Map.copyOf(coverage), List.copyOf(absent), bytes,
                    bytes.length - raw.available());
        } catch (java.io.EOFException e) {
            throw new IOException("damaged rule snapshot", e);
        }
    }

    /** The compiled packages, their classes defined through {@code classLoader}. */
    @SuppressWarnings("unchecked")
    private Collection<KiePackage> packages(ClassLoader classLoader) throws IOException {
        if (bytes == null) {
            throw new IOException("the rule snapshot's packages were read already");
        }
        try (DroolsObjectInputStream in = new DroolsObjectInputStream(
                new java.io.ByteArrayInputStream(bytes, packagesAt, bytes.length - packagesAt), classLoader)) {
            return (Collection<KiePackage>) in.readObject();
        } catch (ClassNotFoundException | ClassCastException e) {
            throw new IOException("the rule snapshot does not match this application's classes", e);
        } finally {
            bytes = null;
        }
    }

    /**
     * The knowledge base of the snapshot's packages, built once whoever asks first (the preload or start-up). The
     * snapshot must have been matched to the rules directory before this is used to serve.
     */
    synchronized KieBase kieBase() throws IOException {
        if (kieBase == null) {
            RuleBaseLoader.rememberAbsent(absentClasses);
            kieBase = RuleBaseLoader.fromPackages(packages(RuleBaseLoader.classLookups()));
        }
        return kieBase;
    }

    /**
     * Starts reading the snapshot beside quarkus-run.jar, checking it was made by this application and building its
     * knowledge base, on a thread of its own while the framework boots on the other core (docs/performance.md).
     * Only the default location is read ahead: start-up still matches it to the configured rules directory.
     */
    public static void preload() {
        String configured = System.getProperty("ketaplan.rules.snapshot", System.getenv("KETAPLAN_RULES_SNAPSHOT"));
        if (configured != null && !"auto".equals(configured.strip())) {
            return;
        }
        java.util.concurrent.CompletableFuture<RuleSnapshot> future = new java.util.concurrent.CompletableFuture<>();
        preloading = future;
        Thread t = new Thread(() -> {
            RuleSnapshot snapshot = null;
            try {
                Optional<Path> file = locate("auto");
                Optional<Path> app = applicationDirectory();
                if (file.isPresent() && app.isPresent()) {
                    RuleSnapshot read = readHeader(file.get());
                    if (applicationFingerprint(app.get()).equals(read.application())) {
                        read.kieBase();
                        snapshot = read;
                    }
                }
            } catch (Throwable e) {
                future.completeExceptionally(e);
            } finally {
                // Whatever happened, start-up must not wait for an answer that never comes.
                future.complete(snapshot);
            }
        }, "rules-snapshot-preload");
        t.setDaemon(true);
        t.setContextClassLoader(RuleSnapshot.class.getClassLoader());
        t.start();
    }

    /**
     * What {@link #preload()} found at the default location, handed over once: empty if it was not started. Nothing
     * keeps it after that, so a snapshot that is not used, or no longer used, can be collected.
     */
    static Optional<java.util.concurrent.CompletableFuture<RuleSnapshot>> takePreloaded() {
        var taken = preloading;
        preloading = null;
        return Optional.ofNullable(taken);
    }

    /**
     * The snapshot the application should try, if any: {@code configured} is a path, "none", or "auto" for the file
     * beside {@code quarkus-run.jar} when the application runs from one.
     */
    public static Optional<Path> locate(String configured) {
        if ("none".equals(configured)) {
            return Optional.empty();
        }
        if (!"auto".equals(configured)) {
            return Optional.of(Path.of(configured));
        }
        return applicationDirectory().map(d -> d.resolve(FILE_NAME)).filter(Files::isRegularFile);
    }

    /** The directory of {@code quarkus-run.jar} when the application runs from the packaged layout. */
    public static Optional<Path> applicationDirectory() {
        String classPath = System.getProperty("java.class.path", "");
        if (classPath.contains(java.io.File.pathSeparator) || !classPath.endsWith("quarkus-run.jar")) {
            return Optional.empty();
        }
        Path parent = Path.of(classPath).toAbsolutePath().getParent();
        return Optional.ofNullable(parent).filter(d -> Files.isDirectory(d.resolve("lib")));
    }

    /**
     * What identifies the application's code: the bytes of its own jars and Quarkus' generated classes, the names
     * and sizes of its libraries (their versions are in their names), and the Java release it runs on.
     */
    public static String applicationFingerprint(Path appDir) {
        MessageDigest sha = sha256();
        update(sha, "java " + Runtime.version().feature());
        try {
            List<Path> code = new ArrayList<>();
            code.add(appDir.resolve("quarkus-run.jar"));
            // Only the code, walked without following links: not the data or rules volumes beside it, nor the
            // snapshot and the class-data archive, which are written after the fingerprint is taken.
            for (String dir : List.of("app", "quarkus", "lib")) {
                if (Files.isDirectory(appDir.resolve(dir))) {
                    try (Stream<Path> walk = Files.walk(appDir.resolve(dir))) {
                        walk.filter(Files::isRegularFile).forEach(code::add);
                    }
                }
            }
            code.sort(Comparator.comparing(p -> appDir.relativize(p).toString().replace('\\', '/')));
            for (Path p : code) {
                String rel = appDir.relativize(p).toString().replace('\\', '/');
                update(sha, rel);
                if (rel.startsWith("lib/")) {
                    update(sha, Long.toString(Files.size(p)));
                } else {
                    byte[] content = Files.readAllBytes(p);
                    update(sha, Integer.toString(content.length));
                    sha.update(content);
                }
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new java.io.UncheckedIOException("cannot read the application in " + appDir,
                    e instanceof IOException io ? io : ((java.io.UncheckedIOException) e).getCause());
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /**
     * The SHA-256 of every file the service reads from the rules directory (rules, tables, scenarios; documentation
     * is left out), names included. A ConfigMap volume's hidden "..*" entries are skipped: they hold the same files
     * a second time.
     */
    public static String directoryHash(Path dir) {
        return hash(new RuleBaseLoader(dir, dir.toString()).allFiles());
    }

    /** The same over files already read, keyed by their path under the rules directory, in that order. */
    static String hash(Map<String, byte[]> files) {
        MessageDigest sha = sha256();
        files.forEach((path, bytes) -> {
            // Lengths first: no two different sets of files give the same stream.
            update(sha, path);
            update(sha, Integer.toString(bytes.length));
            sha.update(bytes);
        });
        return HexFormat.of().formatHex(sha.digest());
    }

    private static void update(MessageDigest sha, String s) {
        sha.update(s.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
