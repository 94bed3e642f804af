package org.ketaplan.engine;

import java.util.List;

import org.ketaplan.plan.PlanItem;

/**
 * What one rule-engine run produced: every plan item with the rule that put it there, and every rule
 * that fired (once, in firing order) with the text of its first item as its statement.
 */
public record EngineResult(RuleBase ruleBase, List<Produced> items, List<Fired> fired) {

    public record Produced(PlanItem item, RuleInfo rule) {
    }

    public record Fired(RuleInfo rule, String statement) {
    }

    public <T extends PlanItem> List<Produced> itemsOf(Class<T> type) {
        return items.stream().filter(p -> type.isInstance(p.item())).toList();
    }
}
