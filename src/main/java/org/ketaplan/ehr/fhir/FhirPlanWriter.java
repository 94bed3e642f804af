package org.ketaplan.ehr.fhir;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.hl7.fhir.r4.model.Annotation;
import org.hl7.fhir.r4.model.CarePlan;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.Duration;
import org.hl7.fhir.r4.model.Goal;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.RequestGroup;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;
import org.hl7.fhir.r4.model.Timing;
import org.ketaplan.conclusions.PsychotherapyType;
import org.ketaplan.conclusions.SeriesType;
import org.ketaplan.plan.TreatmentPlan;
import org.ketaplan.ruleset.FhirTerminology;

/**
 * Writes a plan as FHIR R4 proposals: a RequestGroup (intent proposal, status draft) holding the series
 * as a MedicationRequest with its timing and dose, and psychotherapy and reassessment as ServiceRequests;
 * and a CarePlan with a response Goal that contains the same requests. Nothing here decides anything
 * clinical: it only re-expresses the plan the rules made.
 */
public final class FhirPlanWriter {

    static final String UCUM = "http://unitsofmeasure.org";

    private FhirPlanWriter() {
    }

    /** A RequestGroup with its requests contained, for a CDS Hooks "create" action. */
    public static RequestGroup requestGroup(TreatmentPlan plan, Reference subject, FhirTerminology codes) {
        RequestGroup group = group(plan, subject);
        requests(plan, subject, codes).forEach(group::addContained);
        return group;
    }

    /** A CarePlan that contains the goal, the requests and the RequestGroup ordering them. */
    public static CarePlan carePlan(TreatmentPlan plan, Reference subject, FhirTerminology codes) {
        CarePlan care = new CarePlan();
        care.setStatus(CarePlan.CarePlanStatus.DRAFT);
        care.setIntent(CarePlan.CarePlanIntent.PROPOSAL);
        care.setTitle("Ketamine treatment plan (proposal)");
        care.setDescription(description(plan));
        care.setSubject(subject);
        care.setCreated(new Date());
        care.addIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + plan.planId()));
        care.addNote(new Annotation().setText(plan.disclaimer()));

        Goal goal = new Goal();
        goal.setId("goal-response");
        goal.setLifecycleStatus(Goal.GoalLifecycleStatus.PROPOSED);
        goal.setDescription(new CodeableConcept().setText(
                "Depression score reduced by at least 50% from baseline on the same instrument (response)"));
        goal.setSubject(subject);
        care.addContained(goal);
        care.addGoal(new Reference("#goal-response"));

        for (Resource r : requests(plan, subject, codes)) {
            care.addContained(r);
        }
        RequestGroup group = group(plan, subject);
        group.setId("plan-group");
        care.addContained(group);
        care.addActivity().setReference(new Reference("#plan-group"));
        return care;
    }

    private static RequestGroup group(TreatmentPlan plan, Reference subject) {
        RequestGroup group = new RequestGroup();
        group.setStatus(RequestGroup.RequestStatus.DRAFT);
        group.setIntent(RequestGroup.RequestIntent.PROPOSAL);
        group.setSubject(subject);
        group.setAuthoredOn(new Date());
        group.addIdentifier(new Identifier().setSystem("urn:ietf:rfc:3986").setValue("urn:uuid:" + plan.planId()));
        group.addNote(new Annotation().setText(plan.disclaimer()));
        boolean series = schedules(plan);
        if (series) {
            action(group, "a-series").setTitle(words(plan.series().type()))
                    .setDescription(plan.series().note()).setResource(new Reference("#series"));
            action(group, "a-reassess").setTitle("Reassess depression score after the series")
                    .setResource(new Reference("#reassess"))
                    .addRelatedAction().setActionId("a-series")
                    .setRelationship(RequestGroup.ActionRelationshipType.AFTEREND)
                    .setOffset(new Duration().setValue(1).setUnit("d").setSystem(UCUM).setCode("d"));
        }
        for (TreatmentPlan.PsychotherapyItem t : plan.psychotherapy()) {
            var action = action(group, "a-" + id(t.type())).setTitle(words(t.type()))
                    .setDescription(t.detail()).setResource(new Reference("#" + id(t.type())));
            if (series) {
                action.addRelatedAction().setActionId("a-series")
                        .setRelationship(RequestGroup.ActionRelationshipType.CONCURRENTWITHSTART);
            }
        }
        return group;
    }

    private static RequestGroup.RequestGroupActionComponent action(RequestGroup group, String id) {
        RequestGroup.RequestGroupActionComponent a = group.addAction();
        a.setId(id);
        return a;
    }

    private static List<Resource> requests(TreatmentPlan plan, Reference subject, FhirTerminology codes) {
        List<Resource> out = new ArrayList<>();
        if (schedules(plan)) {
            out.add(seriesRequest(plan, subject));
            ServiceRequest reassess = new ServiceRequest();
            reassess.setId("reassess");
            reassess.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
            reassess.setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL);
            reassess.setCode(coded(codes, "REASSESS_PHQ9").setText("Reassess PHQ-9 (and MADRS) after the series"));
            reassess.setSubject(subject);
            out.add(reassess);
        }
        for (TreatmentPlan.PsychotherapyItem t : plan.psychotherapy()) {
            ServiceRequest sr = new ServiceRequest();
            sr.setId(id(t.type()));
            sr.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
            sr.setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL);
            CodeableConcept code = new CodeableConcept().setText(words(t.type())
                    + (t.options() == null || t.options().isEmpty() ? "" : " (" + String.join(", ", t.options()) + ")"));
            FhirTerminology.PlanCode coding = codes.planCodes().get(t.type().name());
            if (coding != null) {
                code.addCoding(new Coding(coding.system(), coding.code(), coding.display()));
            }
            sr.setCode(code);
            sr.setSubject(subject);
            sr.addNote(new Annotation().setText(t.detail()));
            out.add(sr);
        }
        return out;
    }

    /** A concept with the coding rules/terminology/fhir-plan-codes.csv gives the item, if any. */
    private static CodeableConcept coded(FhirTerminology codes, String item) {
        CodeableConcept concept = new CodeableConcept();
        FhirTerminology.PlanCode c = codes.planCodes().get(item);
        if (c != null) {
            concept.addCoding(new Coding(c.system(), c.code(), c.display()));
        }
        return concept;
    }

    private static MedicationRequest seriesRequest(TreatmentPlan plan, Reference subject) {
        TreatmentPlan.Series s = plan.series();
        boolean iv = s.type() == SeriesType.IV_KETAMINE_INDUCTION || s.type() == SeriesType.PTSD_IV_KETAMINE_SERIES;
        MedicationRequest mr = new MedicationRequest();
        mr.setId("series");
        mr.setStatus(MedicationRequest.MedicationRequestStatus.DRAFT);
        mr.setIntent(MedicationRequest.MedicationRequestIntent.PROPOSAL);
        // Product codes (RxNorm) are not verified yet: the medication is named in text only.
        mr.setMedication(new CodeableConcept().setText(iv ? "Ketamine hydrochloride, intravenous infusion"
                : "Esketamine nasal spray"));
        mr.setSubject(subject);
        mr.setAuthoredOn(new Date());
        Dosage dosage = mr.addDosageInstruction();
        TreatmentPlan.Dose dose = s.dose();
        StringBuilder text = new StringBuilder(words(s.type())).append(": ").append(s.note());
        Timing.TimingRepeatComponent repeat = new Timing.TimingRepeatComponent();
        repeat.setCount(s.schedule().size());
        repeat.setFrequency(s.perWeek() != null && s.perWeek().matches("\\d.*") ? Integer.parseInt(s.perWeek().substring(0, 1)) : 2);
        repeat.setPeriod(1).setPeriodUnit(Timing.UnitsOfTime.WK);
        Timing timing = new Timing().setRepeat(repeat);
        for (LocalDate d : s.schedule()) {
            timing.addEvent(Date.from(d.atStartOfDay(ZoneOffset.UTC).toInstant()));
        }
        if (iv && dose != null && dose.mgPerKg() != null) {
            repeat.setDuration(dose.infusionMinutes()).setDurationUnit(Timing.UnitsOfTime.MIN);
            dosage.addDoseAndRate().setDose(new Quantity().setValue(dose.mgPerKg()).setUnit("mg/kg").setSystem(UCUM).setCode("mg/kg"));
            text.append(" Dose ").append(dose.mgActualWeight()).append(" mg on actual weight");
            if (dose.mgIdealWeight() != null) {
                text.append(" (").append(dose.mgIdealWeight()).append(" mg on ideal body weight)");
            }
            dosage.setRoute(new CodeableConcept().setText("Intravenous"));
        } else if (dose != null && dose.esketamine() != null) {
            text.append(" ").append(dose.esketamine());
            dosage.setRoute(new CodeableConcept().setText("Nasal"));
        }
        dosage.setText(text.toString());
        dosage.setTiming(timing);
        dosage.setSequence(1);
        if (!s.schedule().isEmpty()) {
            mr.addNote(new Annotation().setText("Proposed dates: " + s.schedule()));
        }
        return mr;
    }

    /** Only a plan that schedules sessions proposes a series to order. */
    public static boolean schedules(TreatmentPlan plan) {
        return !plan.series().schedule().isEmpty();
    }

    private static String description(TreatmentPlan plan) {
        return "Triage " + (plan.triageUnassessed() ? "not assessed (C-SSRS needed)" : plan.triage()) + "; eligibility " + plan.eligibility() + "; indication " + plan.indication()
                + "; series " + plan.series().type() + "; after the series " + plan.maintenance().type()
                + ". Rule set " + plan.ruleset().version() + ".";
    }

    private static String id(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static String words(Enum<?> e) {
        String w = e.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        return Character.toUpperCase(w.charAt(0)) + w.substring(1);
    }

}
