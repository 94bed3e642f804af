package org.ketaplan.ehr.fhir;

import java.util.ArrayList;
import java.util.List;

import org.hl7.fhir.r4.model.AllergyIntolerance;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.MedicationAdministration;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Procedure;

/**
 * The FHIR resources an EHR gave us for one patient, sorted by type, and what is known about their
 * completeness: a medication list is "known" only when a medication search came back (even empty).
 */
public final class FhirFacts {

    Patient patient;
    final List<Condition> conditions = new ArrayList<>();
    final List<Observation> observations = new ArrayList<>();
    final List<MedicationRequest> medicationRequests = new ArrayList<>();
    final List<MedicationStatement> medicationStatements = new ArrayList<>();
    final List<Procedure> procedures = new ArrayList<>();
    final List<AllergyIntolerance> allergies = new ArrayList<>();
    final List<MedicationAdministration> administrations = new ArrayList<>();
    final List<org.hl7.fhir.r4.model.QuestionnaireResponse> questionnaireResponses = new ArrayList<>();
    /** Medication resources an order may point to (medicationReference), by their id as written and as Medication/id. */
    final java.util.Map<String, org.hl7.fhir.r4.model.Medication> medicationResources = new java.util.HashMap<>();
    boolean medicationsSearched;
    /** Prefetch keys the EHR answered with an OperationOutcome: their facts stay unknown. */
    final List<String> failedKeys = new ArrayList<>();

    public void add(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        if (resource instanceof Patient p) {
            patient = p;
        } else if (resource instanceof Condition c) {
            conditions.add(c);
        } else if (resource instanceof Observation o) {
            observations.add(o);
        } else if (resource instanceof MedicationRequest m) {
            medicationRequests.add(m);
            medicationsSearched = true;
        } else if (resource instanceof MedicationStatement m) {
            medicationStatements.add(m);
            medicationsSearched = true;
        } else if (resource instanceof Procedure p) {
            procedures.add(p);
        } else if (resource instanceof AllergyIntolerance a) {
            allergies.add(a);
        } else if (resource instanceof MedicationAdministration m) {
            administrations.add(m);
        } else if (resource instanceof org.hl7.fhir.r4.model.QuestionnaireResponse q) {
            questionnaireResponses.add(q);
        } else if (resource instanceof org.hl7.fhir.r4.model.Medication m && m.hasIdElement() && m.getIdElement().hasIdPart()) {
            medicationResources.put(m.getIdElement().getValue(), m);
            medicationResources.put("Medication/" + m.getIdElement().getIdPart(), m);
        }
    }

    public void medicationSearchAnswered() {
        medicationsSearched = true;
    }

    public void failed(String key) {
        failedKeys.add(key);
    }

    public List<String> failedKeys() {
        return List.copyOf(failedKeys);
    }
}
