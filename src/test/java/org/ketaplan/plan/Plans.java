package org.ketaplan.plan;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.ketaplan.ruleset.TestRules;

/**
 * Runs the real request reader, the real rules/ and the plan assembly without a container, and records
 * every rule that fired so that {@code RuleCoverageTest} can fail on a rule no test exercises.
 */
public final class Plans {

    private static final Set<String> FIRED = ConcurrentHashMap.newKeySet();
    /** Rule ID to the test methods (Class.method) that fired it, for rules/TRACEABILITY.md. */
    private static final java.util.Map<String, Set<String>> TESTS_BY_RULE = new ConcurrentHashMap<>();
    private static final Validator VALIDATOR = Validation.byDefaultProvider().configure()
            .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory().getValidator();
    private static final RequestReader READER = new RequestReader(Requests.JSON, VALIDATOR);

    private Plans() {
    }

    public static TreatmentPlan plan(Requests request) {
        return plan(request.bytes());
    }

    public static TreatmentPlan plan(byte[] body) {
        return plan(TestRules.ruleBase(), body);
    }

    /** On another rule set, e.g. a copy of rules/ with a parameter changed. */
    public static TreatmentPlan plan(org.ketaplan.ruleset.RuleBase ruleBase, byte[] body) {
        TreatmentPlan plan = PlanService.plan(ruleBase, READER.read(body), "test");
        String test = callingTest();
        plan.rationale().forEach(r -> {
            FIRED.add(r.ruleId());
            TESTS_BY_RULE.computeIfAbsent(r.ruleId(), k -> ConcurrentHashMap.newKeySet()).add(test);
        });
        return plan;
    }

    /** For runs made elsewhere (the scenario runner), so the coverage check sees them too. */
    public static void recordFired(java.util.Collection<String> ruleIds) {
        FIRED.addAll(ruleIds);
    }

    public static java.util.Map<String, Set<String>> testsByRule() {
        return TESTS_BY_RULE;
    }

    /** The test method that asked for this plan: the first frame of a *Test class outside this helper. */
    private static String callingTest() {
        return StackWalker.getInstance().walk(frames -> frames
                .filter(f -> f.getClassName().matches(".*Test(\\$\\w+)?") && !f.getClassName().endsWith("Plans"))
                .findFirst()
                .map(f -> f.getClassName().replaceFirst(".*\\.", "").replace('$', '.') + "." + f.getMethodName())
                .orElse("other"));
    }

    public static RequestReader reader() {
        return READER;
    }

    public static Set<String> firedRuleIds() {
        return Set.copyOf(FIRED);
    }

    public static List<String> ruleIds(TreatmentPlan plan) {
        return plan.rationale().stream().map(TreatmentPlan.RationaleItem::ruleId).toList();
    }
}
