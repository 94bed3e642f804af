package org.ketaplan.ruleset;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Remembers which class names the application's class loader has and which it has not.
 *
 * <p>Compiling DRL makes MVEL ask the class loader about every identifier it meets (is {@code score} an
 * inner class of {@code CurrentScore}? of each import?), thousands of times per build, and nearly all the
 * answers are "no". In the packaged application Quarkus's class loader answers each such miss by reopening
 * the jar that holds the package, which made rule builds several times slower there than under the test
 * class path (docs/performance.md). The application's classes do not change while it runs (a dev-mode restart brings a new class loader
 * and with it a new instance of this one), so both answers can be kept.
 *
 * <p>Classes that Drools generates for a rule set are defined by that build's own class loader, a child of
 * this one: this one never has them, so "absent" stays true for them too. Their names change when rules are
 * edited, so the cache is bounded and simply starts again when full.
 */
final class LookupCachingClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final Object ABSENT = new Object();
    /** A build asks about ~760 names; only a very long run of edits without a restart gets near this. */
    private static final int MAX_ENTRIES = 100_000;

    private final ClassLoader delegate;
    private final ConcurrentHashMap<String, Object> lookups = new ConcurrentHashMap<>();

    LookupCachingClassLoader(ClassLoader delegate) {
        super("ketaplan-rules-lookup", delegate);
        this.delegate = delegate;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        Object known = lookups.get(name);
        if (known instanceof Class<?> c) {
            return c;
        }
        if (known == ABSENT) {
            throw new ClassNotFoundException(name);
        }
        if (lookups.size() > MAX_ENTRIES) {
            lookups.clear();
        }
        try {
            Class<?> c = delegate.loadClass(name);
            lookups.put(name, c);
            return c;
        } catch (ClassNotFoundException e) {
            lookups.put(name, ABSENT);
            throw e;
        }
    }

    /** The names asked about that this application does not have (for the build's rule snapshot). */
    java.util.List<String> absentNames() {
        return lookups.entrySet().stream().filter(e -> e.getValue() == ABSENT).map(java.util.Map.Entry::getKey)
                .sorted().toList();
    }

    /**
     * Takes "absent" answers found by the same application elsewhere (the build's rule snapshot, which is used only
     * by the application that made it): a start from the snapshot then asks Quarkus's class loader about none of them.
     */
    void rememberAbsent(java.util.Collection<String> names) {
        if (lookups.size() + names.size() <= MAX_ENTRIES) {
            names.forEach(n -> lookups.putIfAbsent(n, ABSENT));
        }
    }
}
