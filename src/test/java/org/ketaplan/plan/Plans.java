package org.ketaplan.plan;

import java.util.Collection;
import java.util.List;

import jakarta.validation.Validation;
import jakarta.validation.Validator;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.ketaplan.ruleset.TestRules;

/**
 * Runs the real request reader, the real rules/ and the plan assembly without a container, and records every
 * rule that fired with the test that fired it ({@link FiredRules}), so that
 * {@code RuleCoverageIT} can fail on a rule no test exercises.
 */
public final class Plans {

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

    /** At a site configured to give what {@code site} says, for requests that do not say. */
    public static TreatmentPlan plan(Requests request, SiteConfig.Site site) {
        TreatmentPlan plan = PlanService.plan(TestRules.ruleBase(), READER.read(request.bytes()), "test", site);
        recordFired(ruleIds(plan));
        return plan;
    }

    /** On another rule set, e.g. a copy of rules/ with a parameter changed. */
    public static TreatmentPlan plan(org.ketaplan.ruleset.RuleBase ruleBase, byte[] body) {
        TreatmentPlan plan = PlanService.plan(ruleBase, READER.read(body), "test");
        recordFired(ruleIds(plan));
        return plan;
    }

    /** For runs made elsewhere (the scenario runner), so the coverage check sees them too. */
    public static void recordFired(Collection<String> ruleIds) {
        FiredRules.record(ruleIds);
    }

    public static RequestReader reader() {
        return READER;
    }

    public static List<String> ruleIds(TreatmentPlan plan) {
        return plan.rationale().stream().map(TreatmentPlan.RationaleItem::ruleId).toList();
    }
}
