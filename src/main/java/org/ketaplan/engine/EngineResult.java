package org.ketaplan.engine;

import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ketaplan.conclusions.PlanItem;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.RuleInfo;

/**
 * What one rule-engine run produced: every plan item with the rule that put it there, and every rule
 * that fired (once, in firing order) with the text of its first item as its statement.
 */
public final class EngineResult {

    public record Produced(PlanItem item, RuleInfo rule) {
    }

    public record Fired(RuleInfo rule, String statement) {
    }

    private final RuleBase ruleBase;
    private final List<Produced> items;
    private final List<Fired> fired;
    /** Plan assembly asks for each kind of item in turn; grouping once beats a scan of every item per kind. */
    private final Map<Class<?>, List<Produced>> byType = new HashMap<>();

    public EngineResult(RuleBase ruleBase, List<Produced> items, List<Fired> fired) {
        this.ruleBase = ruleBase;
        this.items = List.copyOf(items);
        this.fired = List.copyOf(fired);
        for (Produced p : this.items) {
            byType.computeIfAbsent(p.item().getClass(), k -> new ArrayList<>(2)).add(p);
        }
    }

    public RuleBase ruleBase() {
        return ruleBase;
    }

    public List<Produced> items() {
        return items;
    }

    public List<Fired> fired() {
        return fired;
    }

    public <T extends PlanItem> List<Produced> itemsOf(Class<T> type) {
        if (Modifier.isFinal(type.getModifiers())) {
            return Collections.unmodifiableList(byType.getOrDefault(type, List.of()));
        }
        return items.stream().filter(p -> type.isInstance(p.item())).toList();
    }
}
