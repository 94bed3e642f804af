package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.ketaplan.engine.RuleInfo;
import org.ketaplan.engine.TestRules;

/**
 * Runs last (junit-platform.properties orders classes) and fails if any rule in rules/ never fired in
 * the tests before it: a rule no test exercises is a rule whose removal nobody would notice.
 */
@Order(Integer.MAX_VALUE)
class RuleCoverageTest {

    @Test
    void everyRuleFiredInSomeTest() {
        Set<String> fired = Plans.firedRuleIds();
        // Running this class alone (e.g. -Dtest=RuleCoverageTest) proves nothing either way.
        Assumptions.assumeTrue(fired.size() > 20, "run with the whole suite");
        Set<String> never = new TreeSet<>();
        for (RuleInfo r : TestRules.ruleBase().rules()) {
            if (!fired.contains(r.id())) {
                never.add(r.id() + " \"" + r.name() + "\" (" + r.file() + ")");
            }
        }
        assertThat(never).as("rules that no test fired").isEmpty();
    }
}
