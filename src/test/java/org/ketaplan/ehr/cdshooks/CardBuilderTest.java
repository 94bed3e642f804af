package org.ketaplan.ehr.cdshooks;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.ehr.fhir.FhirPlanWriter;
import org.ketaplan.plan.Plans;
import org.ketaplan.plan.Requests;
import org.ketaplan.plan.TreatmentPlan;
import org.ketaplan.ruleset.TestRules;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import ca.uhn.fhir.context.FhirContext;

/** Card shapes for plans an EHR rarely completes on its own, built from the real rules' plans. */
class CardBuilderTest {

    static final FhirContext CONTEXT = FhirContext.forR4();
    static final ObjectMapper JSON = new ObjectMapper();

    static CdsHooks.Card card(Requests request) throws Exception {
        TreatmentPlan plan = Plans.plan(request);
        var subject = new org.hl7.fhir.r4.model.Reference("Patient/p1");
        var fhir = TestRules.ruleBase().terminology().fhir();
        JsonNode group = JSON.readTree(CONTEXT.newJsonParser()
                .encodeResourceToString(FhirPlanWriter.requestGroup(plan, subject, fhir)));
        JsonNode care = JSON.readTree(CONTEXT.newJsonParser()
                .encodeResourceToString(FhirPlanWriter.carePlan(plan, subject, fhir)));
        return CardBuilder.card(plan, group, care, TestRules.ruleBase().terminology().wording(),
                new CdsHooks.Link("Open the plan in Ketaplan to complete it", "https://ketaplan.example/?draft=x", "absolute"));
    }

    @Test
    void scheduledPlanIsAnInfoCardProposingTheSeries() throws Exception {
        CdsHooks.Card card = card(Requests.complete());
        assertThat(card.indicator()).isEqualTo("info");
        assertThat(card.summary()).startsWith("Proposed: IV ketamine induction, 6 sessions from ").hasSizeLessThan(140);
        assertThat(card.selectionBehavior()).isEqualTo("at-most-one");
        assertThat(card.suggestions()).hasSize(2);
        assertThat(card.suggestions().get(0).isRecommended()).isTrue();
        JsonNode group = card.suggestions().get(0).actions().get(0).resource();
        assertThat(group.path("resourceType").asText()).isEqualTo("RequestGroup");
        assertThat(group.path("contained").toString()).contains("MedicationRequest").contains("\"count\":6");
        // Short: the rules and their evidence are behind the link, on the page.
        assertThat(card.detail()).doesNotContain("**Rationale**").doesNotContain("Sanacora")
                .contains("Every rule behind this plan, with its evidence: open the plan in Ketaplan.");
        // The flag's label comes from rules/terminology/flag-labels.csv, the one wording the page uses too.
        assertThat(card.detail()).contains("- **" + TestRules.ruleBase().terminology().flagLabels()
                .get(FlagCode.OFF_LABEL) + "** IV racemic ketamine is off-label");
        assertThat(card.overrideReasons()).allSatisfy(r -> assertThat(r.display()).isNotBlank());
    }

    /** A card with no link to the page is the clinician's only view: it carries every rule and its evidence. */
    @Test
    void withoutALinkTheCardCarriesTheRationale() throws Exception {
        TreatmentPlan plan = Plans.plan(Requests.complete());
        CdsHooks.Card card = CardBuilder.card(plan, JSON.createObjectNode(), JSON.createObjectNode(),
                TestRules.ruleBase().terminology().wording(), null);
        assertThat(card.detail()).contains("**Rationale**").contains("IND-01a").contains("Sanacora");
    }

    @Test
    void absoluteContraindicationIsCritical() throws Exception {
        CdsHooks.Card card = card(Requests.complete().set("patient.pregnancyStatus", "POSITIVE"));
        assertThat(card.indicator()).isEqualTo("critical");
        assertThat(card.summary()).doesNotContainIgnoringCase("pregnan");
        assertThat(card.detail()).contains("(CI-07a)");
    }

    @Test
    void notIndicatedIsInfoWithPsychotherapyOnly() throws Exception {
        CdsHooks.Card card = card(Requests.complete().set("treatmentHistory.adequateAntidepressantTrials", 1)
                .set("diagnoses.ptsd", "NONE"));
        assertThat(card.indicator()).isEqualTo("info");
        assertThat(card.summary()).startsWith("Ketamine not indicated now");
        assertThat(card.suggestions().get(0).actions().get(0).resource().toString()).doesNotContain("MedicationRequest");
    }
}
