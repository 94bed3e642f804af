package org.ketaplan.plan;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.ketaplan.api.RequestReader;
import org.ketaplan.engine.TestRules;

/**
 * Runs the real request reader, the real rules/ and the plan assembly without a container, and records
 * every rule that fired so that {@code RuleCoverageTest} can fail on a rule no test exercises.
 */
public final class Plans {

    private static final Set<String> FIRED = ConcurrentHashMap.newKeySet();
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
    public static TreatmentPlan plan(org.ketaplan.engine.RuleBase ruleBase, byte[] body) {
        TreatmentPlan plan = PlanService.plan(ruleBase, READER.read(body), "test");
        plan.rationale().forEach(r -> FIRED.add(r.ruleId()));
        return plan;
    }

    /** Runs a request file for its fired rules only. */
    public static void record(java.nio.file.Path request) {
        try {
            plan(java.nio.file.Files.readAllBytes(request));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
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
