package org.ketaplan.web;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.plan.OverrideReasons;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.RuleBaseHolder;

/**
 * What the clinician page takes from the active rule set: the words for every code a plan or request uses, so that
 * it shows a plan in the same words as the EHR cards ({@code rules/terminology/wording.csv} and
 * {@code flag-labels.csv}), and the intake's skip logic ({@code skip-logic.csv}), so that no clinical condition of
 * which question is asked lives in the page's script.
 */
@Path("/api/v1/wording")
public class WordingResource {

    /**
     * {@code types}: vocabulary (triage, series, ...) to code to words; {@code flags}: flag to its label;
     * {@code overrideReasons}: why a recommendation was not followed, the list the EHR cards offer too;
     * {@code skips}: which request field is asked when (a field with no row is always asked).
     */
    public record WordingView(String version, Map<String, Map<String, String>> types, Map<FlagCode, String> flags,
                              java.util.List<OverrideReasons.Reason> overrideReasons, java.util.List<SkipView> skips) {
    }

    /** {@code fact} is asked when {@code when} is {@code test} ("one of" or "none of") {@code values}. */
    public record SkipView(String fact, String when, String test, java.util.List<String> values, String notAsked) {
    }

    private final RuleBaseHolder holder;

    public WordingResource(RuleBaseHolder holder) {
        this.holder = holder;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The words for every code of the plan and the request, from the active rule set")
    public WordingView wording() {
        RuleBase rb = holder.current();
        var wording = rb.terminology().wording();
        return new WordingView(rb.version(), wording.byType(), wording.flags(), OverrideReasons.ALL,
                rb.terminology().skips().stream().map(k -> new SkipView(k.fact(), k.when(),
                        k.noneOf() ? "none of" : "one of", k.values(), k.notAsked())).toList());
    }
}
