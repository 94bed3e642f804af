package org.ketaplan.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.ketaplan.conclusions.PlanItem;
import org.ketaplan.ruleset.RuleBase;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.event.rule.DefaultRuleRuntimeEventListener;
import org.kie.api.event.rule.ObjectDeletedEvent;
import org.kie.api.event.rule.ObjectInsertedEvent;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.ConsequenceException;
import org.kie.api.runtime.rule.FactHandle;

/**
 * Runs the rules over one request's facts in a session of its own, always disposed (returned to the rule
 * set's pool, reset). No state is shared between requests but the immutable {@link RuleBase}.
 */
public final class PlanEngine {

    /**
     * No sound rule base comes near this: each rule fires at most a few times per plan. Reaching it means
     * a rule keeps re-triggering itself, and the request must end rather than hang.
     */
    public static final int MAX_FIRINGS = 10_000;

    private PlanEngine() {
    }

    public static EngineResult run(RuleBase ruleBase, Collection<?> facts) {
        return run(ruleBase, facts, null);
    }

    /**
     * Runs the rules to the end, then, when {@code review} is given, inserts what it makes of that result (the plan's
     * assembled decisions) and runs the rules again, so that rules which judge the plan as a whole (the safety
     * envelope) see it and may make it stricter. The result is that of both runs together.
     */
    public static EngineResult run(RuleBase ruleBase, Collection<?> facts, Function<EngineResult, Object> review) {
        KieSession session = ruleBase.sessions().newKieSession();
        Tracker tracker = new Tracker();
        try {
            session.addEventListener((org.kie.api.event.rule.AgendaEventListener) tracker.agenda);
            session.addEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) tracker.runtime);
            for (Object fact : facts) {
                session.insert(fact);
            }
            ruleBase.parameters().forEach(session::insert);
            fire(ruleBase, session, tracker);
            if (review == null) {
                return tracker.result(ruleBase);
            }
            session.insert(review.apply(tracker.result(ruleBase)));
            fire(ruleBase, session, tracker);
            return tracker.result(ruleBase);
        } finally {
            // A pooled session goes back reset; its listeners belong to this request only.
            session.removeEventListener((org.kie.api.event.rule.AgendaEventListener) tracker.agenda);
            session.removeEventListener((org.kie.api.event.rule.RuleRuntimeEventListener) tracker.runtime);
            session.dispose();
        }
    }

    private static void fire(RuleBase ruleBase, KieSession session, Tracker tracker) {
        int fired;
        try {
            fired = ruleBase.disabledRules().isEmpty() ? session.fireAllRules(MAX_FIRINGS)
                    : session.fireAllRules(m -> !ruleBase.disabledRules().contains(m.getRule().getName()),
                    MAX_FIRINGS);
        } catch (ConsequenceException e) {
            String rule = e.getMatch() == null ? "unknown" : e.getMatch().getRule().getName();
            throw new RuleExecutionException("The action of rule \"" + rule + "\" failed: "
                    + e.getCause(), rule, e);
        }
        if (fired >= MAX_FIRINGS) {
            String rule = tracker.mostFired();
            throw new RuleExecutionException("Rule \"" + rule + "\" kept firing (" + MAX_FIRINGS
                    + " firings in one plan): it probably re-triggers itself", rule, null);
        }
    }

    private static final class Tracker {
        private final Map<FactHandle, String> producer = new IdentityHashMap<>();
        private final Map<FactHandle, PlanItem> live = new LinkedHashMap<>();
        private final Map<String, Integer> firings = new LinkedHashMap<>();
        private final Map<String, String> firstStatement = new HashMap<>();
        private final Map<String, Integer> produced = new HashMap<>();

        final DefaultAgendaEventListener agenda = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                firings.merge(event.getMatch().getRule().getName(), 1, Integer::sum);
            }
        };

        final DefaultRuleRuntimeEventListener runtime = new DefaultRuleRuntimeEventListener() {
            @Override
            public void objectInserted(ObjectInsertedEvent event) {
                if (event.getObject() instanceof PlanItem item && event.getRule() != null) {
                    String rule = event.getRule().getName();
                    producer.put(event.getFactHandle(), rule);
                    live.put(event.getFactHandle(), item);
                    firstStatement.putIfAbsent(rule, item.text());
                    produced.merge(rule, 1, Integer::sum);
                }
            }

            @Override
            public void objectDeleted(ObjectDeletedEvent event) {
                live.remove(event.getFactHandle());
            }
        };

        String mostFired() {
            return firings.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .orElse("unknown");
        }

        EngineResult result(RuleBase ruleBase) {
            List<EngineResult.Produced> items = new ArrayList<>();
            live.forEach((handle, item) ->
                    items.add(new EngineResult.Produced(item, ruleBase.rulesByName().get(producer.get(handle)))));
            java.util.Set<String> stillStanding = new java.util.HashSet<>(producer.size());
            live.keySet().forEach(h -> stillStanding.add(producer.get(h)));
            List<EngineResult.Fired> fired = new ArrayList<>();
            for (String name : firings.keySet()) {
                // A rule whose every conclusion was withdrawn again (truth maintenance) did not shape the plan.
                if (produced.containsKey(name) && !stillStanding.contains(name)) {
                    continue;
                }
                fired.add(new EngineResult.Fired(ruleBase.rulesByName().get(name), firstStatement.get(name)));
            }
            return new EngineResult(ruleBase, items, fired);
        }
    }
}
