package org.ketaplan.ruleset;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.ketaplan.facts.Parameter;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieContainer;

/**
 * One compiled, verified and immutable version of the rules directory. Requests take a reference to one
 * RuleBase and use it to the end, so a reload never changes the rules under a running request. Sessions
 * come from a pool: a reset session keeps its network memories, which a fresh session builds again for
 * every plan (about half the engine's time per plan before pooling). {@code disabledRules} (rule names) is
 * empty except when the gate's own strength is tested: a rule that never fires is a deleted rule.
 * {@code container} is null for a rule set read from the build's snapshot ({@link RuleSnapshot}), which has none.
 */
public record RuleBase(
        String version,
        Instant loadedAt,
        KieContainer container,
        KieBase kieBase,
        List<RuleInfo> rules,
        Map<String, RuleInfo> rulesByName,
        List<Parameter> parameters,
        Terminology terminology,
        Map<String, java.util.Set<String>> scenariosByRuleId,
        org.kie.api.runtime.KieSessionsPool sessions,
        java.util.Set<String> disabledRules) {

    /** Releases what the engine holds for this rule set; requests must no longer use it. */
    public void dispose() {
        if (container != null) {
            container.dispose();
        } else {
            sessions.shutdown();
        }
    }

    /**
     * The same compiled rules with other parameter values: a site-policy variant a scenario asks for, or a
     * parameter moved to test the gate. No recompilation; parameters are facts.
     */
    public RuleBase withParameters(List<Parameter> replacement) {
        return new RuleBase(version, loadedAt, container, kieBase, rules, rulesByName, List.copyOf(replacement),
                terminology, scenariosByRuleId, sessions, disabledRules);
    }

    /** The same rules as if one had been deleted: it never fires (the gate's mutation check). */
    public RuleBase withoutRule(String ruleName) {
        return new RuleBase(version, loadedAt, container, kieBase, rules, rulesByName, parameters, terminology,
                scenariosByRuleId, sessions, java.util.Set.of(ruleName));
    }

    /** The same rule set, with the scenarios that exercised each rule (known once the gate has run). */
    public RuleBase withScenarioCoverage(Map<String, java.util.Set<String>> coverage) {
        return new RuleBase(version, loadedAt, container, kieBase, rules, rulesByName, parameters, terminology,
                Map.copyOf(coverage), sessions, disabledRules);
    }
}
