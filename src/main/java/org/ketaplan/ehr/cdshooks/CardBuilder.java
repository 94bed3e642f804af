package org.ketaplan.ehr.cdshooks;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.NeededBy;
import org.ketaplan.conclusions.TriageLevel;
import org.ketaplan.plan.TreatmentPlan;
import org.ketaplan.ruleset.Wording;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One card per plan, as severe as the plan: critical for an emergency or an absolute contraindication,
 * warning when the plan waits for clearance or data, info for a plan or for "not indicated". The summary
 * stays under 140 characters and names no diagnosis or finding (cards may be shown or logged widely); the
 * detail carries the reasons with their rules.
 */
final class CardBuilder {

    static final CdsHooks.Coding TOPIC = new CdsHooks.Coding("https://ketaplan.org/CodeSystem/cds-topic",
            "ketamine-plan", "Ketamine treatment plan");
    static final List<CdsHooks.Coding> OVERRIDE_REASONS = org.ketaplan.plan.OverrideReasons.ALL.stream()
            .map(r -> new CdsHooks.Coding(org.ketaplan.plan.OverrideReasons.SYSTEM, r.code(), r.display())).toList();

    /** CDS Hooks 2.0: a card summary is shorter than 140 characters. */
    static final int SUMMARY_LIMIT = 140;

    private CardBuilder() {
    }

    /**
     * {@code link}: the clinician page with this patient's draft, where the open steps are completed (on every
     * card). Indicators follow CDS Hooks' intent: critical when the plan must stop now, warning only for a safety
     * finding that needs action today, info otherwise (a plan waiting for data is not an alarm).
     */
    static CdsHooks.Card card(TreatmentPlan plan, JsonNode requestGroup, JsonNode carePlan, Wording wording,
                              CdsHooks.Link link) {
        CdsHooks.Card c = build(plan, requestGroup, carePlan, wording, link);
        // One card per plan, named by the plan's id: the EHR's feedback on it then reaches the plan and its rules.
        return new CdsHooks.Card(plan.planId(), c.summary(), c.detail(), c.indicator(), c.source(), c.suggestions(),
                c.selectionBehavior(), c.overrideReasons(), c.links());
    }

    private static CdsHooks.Card build(TreatmentPlan plan, JsonNode requestGroup, JsonNode carePlan, Wording wording,
                                       CdsHooks.Link link) {
        CdsHooks.Source source = new CdsHooks.Source("Ketaplan rules " + plan.ruleset().version(), null, TOPIC);
        List<CdsHooks.Link> links = link == null ? List.of() : List.of(link);
        String detail = detail(plan, wording, link == null);
        if (plan.triage() == TriageLevel.EMERGENCY_REFERRAL) {
            return card("Same-day emergency evaluation needed before any ketamine plan", detail, "critical", source,
                    List.of(), links);
        }
        if (plan.eligibility() == EligibilityLevel.INELIGIBLE) {
            return card("Ketamine and esketamine not advised: a contraindication was found", detail, "critical",
                    source, List.of(), links);
        }
        if (plan.triage() == TriageLevel.URGENT_SAME_DAY_ASSESSMENT) {
            return card("Same-day clinician assessment needed before a ketamine plan", detail, "warning", source,
                    psychotherapyOnly(plan, requestGroup, carePlan), links);
        }
        if (plan.eligibility() == EligibilityLevel.INSUFFICIENT_DATA
                || plan.eligibility() == EligibilityLevel.NEEDS_CLEARANCE) {
            // The summary counts what the detail lists: every clearance and every step, and says how many of them
            // stand between the patient and a plan.
            int listed = plan.clearances().size() + plan.openSteps().size();
            long blocking = plan.openSteps().stream().filter(o -> o.neededBy() == NeededBy.BLOCKS_PLAN).count()
                    + plan.clearances().size();
            return card("Ketamine plan: " + count(listed, "step") + " to complete in Ketaplan"
                    + (blocking < listed ? " (" + blocking + " before a plan)" : ""), detail, "info",
                    source, psychotherapyOnly(plan, requestGroup, carePlan), links);
        }
        if (plan.eligibility() == EligibilityLevel.NOT_INDICATED) {
            return card("Ketamine not indicated now; next steps are in the details", detail, "info", source,
                    psychotherapyOnly(plan, requestGroup, carePlan), links);
        }
        if (plan.series().schedule().isEmpty()) {
            return card("Ketamine plan: " + wording.of("maintenance", plan.maintenance().type()) + " (details)", detail,
                    "info", source, List.of(), links);
        }
        String summary = "Proposed: " + wording.of("series", plan.series().type()) + ", "
                + plan.series().schedule().size() + " sessions from " + plan.series().schedule().get(0);
        List<CdsHooks.Suggestion> suggestions = new ArrayList<>();
        suggestions.add(new CdsHooks.Suggestion("Propose the series and psychotherapy as draft orders",
                UUID.randomUUID().toString(), true, List.of(new CdsHooks.Action("create",
                "Create a draft RequestGroup with the series (MedicationRequest) and psychotherapy and reassessment "
                        + "(ServiceRequest)", requestGroup, null))));
        suggestions.add(new CdsHooks.Suggestion("Propose as a draft care plan with a response goal",
                UUID.randomUUID().toString(), false, List.of(new CdsHooks.Action("create",
                "Create a draft CarePlan with a Goal of at least 50% improvement", carePlan, null))));
        return card(summary, detail, "info", source, suggestions, links);
    }

    /**
     * Psychotherapy is always part of the plan, also while ketamine waits: offer it as draft orders. The
     * RequestGroup then holds no series, because the plan schedules none.
     */
    private static List<CdsHooks.Suggestion> psychotherapyOnly(TreatmentPlan plan, JsonNode requestGroup,
                                                               JsonNode carePlan) {
        if (plan.psychotherapy().isEmpty()) {
            return List.of();
        }
        return List.of(
                new CdsHooks.Suggestion("Propose the psychotherapy as draft orders", UUID.randomUUID().toString(),
                        true, List.of(new CdsHooks.Action("create",
                        "Create a draft RequestGroup with the psychotherapy (ServiceRequest)", requestGroup, null))),
                new CdsHooks.Suggestion("Propose as a draft care plan", UUID.randomUUID().toString(), false,
                        List.of(new CdsHooks.Action("create", "Create a draft CarePlan with a response goal",
                                carePlan, null))));
    }

    private static CdsHooks.Card card(String summary, String detail, String indicator, CdsHooks.Source source,
                                      List<CdsHooks.Suggestion> suggestions, List<CdsHooks.Link> links) {
        String s = summary.length() < SUMMARY_LIMIT ? summary : summary.substring(0, SUMMARY_LIMIT - 4) + "...";
        return new CdsHooks.Card(UUID.randomUUID().toString(), s, detail, indicator, source,
                suggestions.isEmpty() ? null : suggestions, suggestions.isEmpty() ? null : "at-most-one",
                OVERRIDE_REASONS, links.isEmpty() ? null : links);
    }

    /**
     * {@code withRationale}: every rule behind the plan with its evidence, for a card with no link to the page. With a
     * link the card stays short (the decision, its reasons with their rule IDs, the steps); the page shows the rest.
     */
    static String detail(TreatmentPlan p, Wording wording, boolean withRationale) {
        StringBuilder md = new StringBuilder();
        md.append("**Triage:** ").append(p.triageUnassessed() ? TreatmentPlan.UNASSESSED_TRIAGE
                : wording.of("triage", p.triage())).append("  \n");
        p.triageReasons().forEach(r -> md.append("- ").append(r.text()).append(rule(r.ruleId())).append('\n'));
        md.append("\n**Eligibility:** ").append(wording.of("eligibility", p.eligibility()))
                .append(" · **Indication:** ").append(wording.of("indication", p.indication())).append('\n');
        p.eligibilityReasons().stream()
                .filter(r -> r.level() != EligibilityLevel.INSUFFICIENT_DATA && r.level() != EligibilityLevel.NEEDS_CLEARANCE)
                .forEach(r -> md.append("- ").append(r.text()).append(rule(r.ruleId())).append('\n'));
        if (!p.clearances().isEmpty()) {
            md.append("\n**Clearances needed**\n");
            p.clearances().forEach(c -> md.append("- ").append(wording.of("reviewer", c.reviewer())).append(": ")
                    .append(c.reason()).append(rule(c.ruleId())).append('\n'));
        }
        if (!p.openSteps().isEmpty()) {
            // Steps a clinician takes, in words and most urgent first; the fields are on the page behind the link.
            md.append("\n**Steps to complete**\n");
            p.openSteps().forEach(o -> md.append("- [ ] ").append(o.step())
                    .append(o.facts().size() > 1 ? " (" + o.facts().size() + " items)" : "").append(" · ")
                    .append(wording.of("neededBy", o.neededBy())).append('\n'));
        }
        TreatmentPlan.Series s = p.series();
        md.append("\n**Series:** ").append(wording.of("series", s.type()));
        if (s.proposedType() != null) {
            md.append(" (would be ").append(wording.of("series", s.proposedType())).append(" once resolved)");
        }
        md.append('\n');
        if (!s.schedule().isEmpty()) {
            md.append("- Dates: ").append(String.join(", ", s.schedule().stream().map(Object::toString).toList()))
                    .append('\n');
        }
        md.append("\n**After the series:** ").append(wording.of("maintenance", p.maintenance().type())).append('\n');
        if (!p.psychotherapy().isEmpty()) {
            md.append("\n**Psychotherapy**\n");
            p.psychotherapy().forEach(t -> md.append("- ").append(wording.of("psychotherapy", t.type())).append(": ")
                    .append(t.detail()).append(rule(t.ruleId())).append('\n'));
        }
        if (p.flagDetails().size() > 1) {
            md.append("\n**Flags**\n");
            p.flagDetails().stream().skip(1).forEach(f -> md.append("- **").append(f.label()).append("** ")
                    .append(f.detail()).append(rule(f.ruleId())).append('\n'));
        }
        if (withRationale) {
            md.append("\n**Rationale**\n");
            p.rationale().forEach(r -> md.append("- ").append(r.ruleId()).append(" ").append(r.rule()).append(" (")
                    .append(r.strength()).append("; ").append(String.join("; ", r.sources())).append(")\n"));
        } else {
            md.append("\nEvery rule behind this plan, with its evidence: open the plan in Ketaplan.\n");
        }
        md.append("\n_").append(p.disclaimer()).append(" Plan ").append(p.planId()).append("._\n");
        return md.toString();
    }

    private static String rule(String id) {
        return id == null ? "" : " (" + id + ")";
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }
}
