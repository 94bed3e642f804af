package org.ketaplan.ehr.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.hl7.fhir.common.hapi.validation.support.CommonCodeSystemsTerminologyService;
import org.hl7.fhir.common.hapi.validation.support.InMemoryTerminologyServerValidationSupport;
import org.hl7.fhir.common.hapi.validation.support.ValidationSupportChain;
import org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RequestGroup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ketaplan.plan.Plans;
import org.ketaplan.plan.Requests;
import org.ketaplan.plan.TreatmentPlan;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.support.DefaultProfileValidationSupport;
import ca.uhn.fhir.validation.FhirValidator;
import ca.uhn.fhir.validation.ResultSeverityEnum;
import ca.uhn.fhir.validation.SingleValidationMessage;

/**
 * The RequestGroup and CarePlan we hand to EHRs pass the HL7 FHIR R4 validator (core profiles, offline).
 * The validator is slow to start and lives in tests only, never on the request path.
 */
class FhirValidationTest {

    static final FhirContext CONTEXT = FhirContext.forR4();
    static FhirValidator validator;

    @BeforeAll
    static void validator() {
        ValidationSupportChain chain = new ValidationSupportChain(new DefaultProfileValidationSupport(CONTEXT),
                new InMemoryTerminologyServerValidationSupport(CONTEXT), new CommonCodeSystemsTerminologyService(CONTEXT));
        validator = CONTEXT.newValidator();
        validator.registerValidatorModule(new FhirInstanceValidator(chain));
    }

    static List<SingleValidationMessage> errors(IBaseResource resource) {
        return validator.validateWithResult(resource).getMessages().stream()
                .filter(m -> m.getSeverity() == ResultSeverityEnum.ERROR || m.getSeverity() == ResultSeverityEnum.FATAL)
                .toList();
    }

    static final Reference SUBJECT = new Reference("Patient/p1");

    @Test
    void scheduledPlanRequestGroupIsValidAndCarriesTheSeries() {
        TreatmentPlan plan = Plans.plan(Requests.complete());
        RequestGroup group = FhirPlanWriter.requestGroup(plan, SUBJECT, org.ketaplan.ruleset.TestRules.ruleBase().terminology().fhir());
        assertThat(errors(group)).isEmpty();
        assertThat(group.getIntent()).isEqualTo(RequestGroup.RequestIntent.PROPOSAL);
        assertThat(group.getStatus()).isEqualTo(RequestGroup.RequestStatus.DRAFT);
        MedicationRequest series = group.getContained().stream().filter(MedicationRequest.class::isInstance)
                .map(MedicationRequest.class::cast).findFirst().orElseThrow();
        var repeat = series.getDosageInstructionFirstRep().getTiming().getRepeat();
        assertThat(repeat.getCount()).isEqualTo(6);
        assertThat(repeat.getDuration().intValue()).isEqualTo(40);
        assertThat(series.getDosageInstructionFirstRep().getTiming().getEvent()).hasSize(6);
        assertThat(series.getDosageInstructionFirstRep().getDoseAndRateFirstRep().getDoseQuantity().getValue().doubleValue())
                .isEqualTo(0.5);
        assertThat(group.getAction()).extracting(a -> a.getResource().getReference())
                .contains("#series", "#reassess", "#trauma-focused", "#depression-ebp");
    }

    @Test
    void carePlanWithGoalIsValid() {
        CarePlan care = FhirPlanWriter.carePlan(Plans.plan(Requests.complete()), SUBJECT, org.ketaplan.ruleset.TestRules.ruleBase().terminology().fhir());
        assertThat(errors(care)).isEmpty();
        assertThat(care.getIntent()).isEqualTo(CarePlan.CarePlanIntent.PROPOSAL);
        assertThat(care.getGoal()).singleElement().satisfies(g -> assertThat(g.getReference()).isEqualTo("#goal-response"));
        assertThat(care.getContained()).anySatisfy(r -> assertThat(r).isInstanceOf(RequestGroup.class));
    }

    @Test
    void deferredPlanHasNoSeriesAndIsValid() {
        TreatmentPlan plan = Plans.plan(Requests.complete().set("suicideScreen.intentWithPlan", true));
        RequestGroup group = FhirPlanWriter.requestGroup(plan, new Reference().setDisplay("Patient of the Bundle"), org.ketaplan.ruleset.TestRules.ruleBase().terminology().fhir());
        assertThat(errors(group)).isEmpty();
        assertThat(group.getContained()).noneMatch(MedicationRequest.class::isInstance);
        assertThat(errors(FhirPlanWriter.carePlan(plan, SUBJECT, org.ketaplan.ruleset.TestRules.ruleBase().terminology().fhir()))).isEmpty();
    }
}
