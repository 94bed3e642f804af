package org.ketaplan.engine;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ketaplan.plan.PlanItem;

/**
 * What one rule-engine run produced: every plan item with the rule that put it there, and every rule
 * that fired (once, in firing order) with the text of its first item as its statement.
 */
public record EngineResult(RuleBase ruleBase, List<Produced> items, List<Fired> fired,
                           Map<Class<?>, List<Produced>> byType) {

    public record Produced(PlanItem item, RuleInfo rule) {
    }

    public record Fired(RuleInfo rule, String statement) {
    }

    public EngineResult(RuleBase ruleBase, List<Produced> items, List<Fired> fired) {
        this(ruleBase, items, fired, group(items));
    }

    /** Plan assembly asks for each kind of item in turn; grouping once beats a scan of every item per kind. */
    private static Map<Class<?>, List<Produced>> group(List<Produced> items) {
        Map<Class<?>, List<Produced>> byType = new HashMap<>();
        for (Produced p : items) {
            byType.computeIfAbsent(p.item().getClass(), k -> new ArrayList<>(2)).add(p);
        }
        return byType;
    }

    public <T extends PlanItem> List<Produced> itemsOf(Class<T> type) {
        if (Modifier.isFinal(type.getModifiers())) {
            return java.util.Collections.unmodifiableList(byType.getOrDefault(type, List.of()));
        }
        return items.stream().filter(p -> type.isInstance(p.item())).toList();
    }
}
