package org.ketaplan.plan;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which test fired which rule, for the coverage check. Only JDK types: the test listener uses this class while
 * Quarkus tests run, and touching {@link Plans} there would initialise Jackson under Quarkus's class loader.
 */
public final class FiredRules {

    private static final Map<String, Set<String>> TESTS_BY_RULE = new ConcurrentHashMap<>();
    private static volatile String currentTest = "other";

    private FiredRules() {
    }

    public static void record(Collection<String> ruleIds) {
        String test = currentTest;
        if (test == null) {
            return;
        }
        ruleIds.forEach(id -> TESTS_BY_RULE.computeIfAbsent(id, k -> ConcurrentHashMap.newKeySet()).add(test));
    }

    /** Set by the test listener as each test starts; null for a test whose plans are not to be recorded. */
    public static void currentTest(String test) {
        currentTest = test;
    }

    /** Rule ID to the test methods (Class.method) that fired it. */
    public static Map<String, Set<String>> testsByRule() {
        return TESTS_BY_RULE;
    }
}
