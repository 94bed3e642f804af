package org.ketaplan.ruleset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * A directory laid out as the kubelet lays out a ConfigMap volume, and updated as it updates one: the files live in
 * a hidden timestamped directory, {@code ..data} points at it, each top-level name is a symlink through
 * {@code ..data}; an update writes a new timestamped directory and swaps {@code ..data} with one atomic rename.
 */
public final class ConfigMapVolume {

    private ConfigMapVolume() {
    }

    /** Writes (or replaces) the volume at {@code mount} with the content of {@code source}. */
    public static void write(Path mount, Path source) throws IOException {
        Files.createDirectories(mount);
        Path data = mount.resolve("..data");
        Path old = Files.isSymbolicLink(data) ? mount.resolve(Files.readSymbolicLink(data)) : null;
        Path version = mount.resolve("..%d".formatted(System.nanoTime()));
        copy(source, version);
        Path tmp = mount.resolve("..data_tmp");
        Files.deleteIfExists(tmp);
        Files.createSymbolicLink(tmp, version.getFileName());
        Files.move(tmp, data, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Set<String> names = new TreeSet<>();
        try (Stream<Path> top = Files.list(version)) {
            top.forEach(p -> names.add(p.getFileName().toString()));
        }
        for (String name : names) {
            Path link = mount.resolve(name);
            if (!Files.isSymbolicLink(link)) {
                Files.createSymbolicLink(link, Path.of("..data", name));
            }
        }
        try (Stream<Path> top = Files.list(mount)) {
            for (Path p : top.toList()) {
                String name = p.getFileName().toString();
                if (!name.startsWith("..") && !names.contains(name)) {
                    Files.delete(p);
                }
            }
        }
        if (old != null) {
            delete(old);
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target);
                }
            }
        }
    }

    private static void delete(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
