package org.ketaplan.engine;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;

/**
 * Holds the active rule set. It is built at start-up, and a rules directory that does not compile or
 * verify stops the service: serving advice without its safety rules is worse than not serving.
 */
@ApplicationScoped
public class RuleBaseHolder {

    private static final Logger LOG = Logger.getLogger(RuleBaseHolder.class);

    private final String rulesDir;
    private final AtomicReference<RuleBase> active = new AtomicReference<>();

    public RuleBaseHolder(@ConfigProperty(name = "ketaplan.rules.dir", defaultValue = "rules") String rulesDir) {
        this.rulesDir = rulesDir;
    }

    void onStart(@Observes StartupEvent event) {
        long start = System.nanoTime();
        RuleBase loaded;
        try {
            loaded = new RuleBaseLoader(Path.of(rulesDir), rulesDir).load();
        } catch (RuleBaseException e) {
            LOG.error(e.getMessage());
            throw e;
        }
        active.set(loaded);
        LOG.infof("Rule set %s loaded from %s: %d rules in %d ms", loaded.version(), rulesDir,
                loaded.rules().size(), (System.nanoTime() - start) / 1_000_000);
    }

    public RuleBase current() {
        RuleBase rb = active.get();
        if (rb == null) {
            throw new IllegalStateException("rule set not loaded yet");
        }
        return rb;
    }

    public String rulesDir() {
        return rulesDir;
    }
}
