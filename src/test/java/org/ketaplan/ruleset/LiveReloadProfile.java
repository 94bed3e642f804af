package org.ketaplan.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** Runs the service on a throw-away copy of rules/ with the file watcher on, so tests can edit it. */
public class LiveReloadProfile implements QuarkusTestProfile {

    static final Path DIR;

    // Quarkus loads this class in its own class loader too; a system property makes both see one copy.
    static {
        String existing = System.getProperty("ketaplan.test.rules-copy");
        if (existing != null) {
            DIR = Path.of(existing);
        } else {
            try {
                DIR = Files.createTempDirectory("ketaplan-rules-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            TestRules.copyAll(DIR);
            System.setProperty("ketaplan.test.rules-copy", DIR.toString());
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("ketaplan.rules.dir", DIR.toString(), "ketaplan.rules.watch", "true",
                "ketaplan.rules.watch-debounce-ms", "100");
    }
}
