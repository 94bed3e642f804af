package org.ketaplan.ruleset;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Without a scenario gate wired in, no rule set serves: start-up fails instead of skipping the gate silently. */
class MandatoryGateTest {

    @Test
    void startUpFailsWithoutAGate() {
        RulesConfig config = HolderFixtures.config(TestRules.RULES.toString(), "none");
        RuleBaseHolder holder = new RuleBaseHolder(config, new HolderFixtures.Checks(null));
        assertThatThrownBy(() -> holder.onStart(null)).isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("no scenario gate is installed");
    }
}
