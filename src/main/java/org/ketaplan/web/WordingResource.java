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
 * The words of the active rule set for every code a plan or request uses, so that the clinician page shows a plan
 * in the same words as the EHR cards: {@code rules/terminology/wording.csv} and {@code flag-labels.csv}.
 */
@Path("/api/v1/wording")
public class WordingResource {

    /**
     * {@code types}: vocabulary (triage, series, ...) to code to words; {@code flags}: flag to its label;
     * {@code overrideReasons}: why a recommendation was not followed, the list the EHR cards offer too.
     */
    public record WordingView(String version, Map<String, Map<String, String>> types, Map<FlagCode, String> flags,
                              java.util.List<OverrideReasons.Reason> overrideReasons) {
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
        return new WordingView(rb.version(), wording.byType(), wording.flags(), OverrideReasons.ALL);
    }
}
