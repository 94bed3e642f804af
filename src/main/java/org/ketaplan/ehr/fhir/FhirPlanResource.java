package org.ketaplan.ehr.fhir;

import java.nio.charset.StandardCharsets;
import java.util.List;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Reference;
import org.ketaplan.audit.AuditLog;
import org.ketaplan.plan.BadRequestProblem;
import org.ketaplan.plan.JsonGuard;
import org.ketaplan.plan.TreatmentPlan;
import org.ketaplan.plan.Violation;
import org.ketaplan.ruleset.RuleBaseHolder;



/** For systems without CDS Hooks: a FHIR Bundle of the patient's resources in, the plan as a CarePlan out. */
@Path("/api/v1/plans/fhir")
public class FhirPlanResource {

    static final String FHIR_JSON = "application/fhir+json";

    private final FhirSupport fhir;
    private final FhirPlanner planner;
    private final RuleBaseHolder rules;

    public FhirPlanResource(FhirSupport fhir, FhirPlanner planner, RuleBaseHolder rules) {
        this.fhir = fhir;
        this.planner = planner;
        this.rules = rules;
    }

    @POST
    @Consumes({FHIR_JSON, "application/json"})
    @Produces({FHIR_JSON, MediaType.APPLICATION_JSON})
    @Operation(summary = "FHIR R4 Bundle of a patient's resources in; the plan as a draft CarePlan (with contained "
            + "RequestGroup, MedicationRequest, ServiceRequests and Goal) out, or with Accept: application/json the "
            + "TreatmentPlan itself (the one a CDS Hooks card is built from)")
    public Response plan(byte[] body, @HeaderParam("Accept") String accept,
                         @Context SecurityContext security) {
        if (body == null || body.length == 0) {
            throw new BadRequestProblem("The body is empty; send a FHIR R4 Bundle.", List.of(new Violation("", "empty")));
        }
        // Bounded before HAPI reads it: its decimal arithmetic once spun for good on 1e999999999.
        List<Violation> bounds = JsonGuard.check(body, JsonGuard.FHIR);
        if (!bounds.isEmpty()) {
            throw new BadRequestProblem("A value of the Bundle is out of any sane range.", bounds);
        }
        IBaseResource parsed;
        try {
            parsed = fhir.json().parseResource(new String(body, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            // HAPI reports some malformed resources with a NullPointerException ("resource": "yes" in an entry):
            // whatever its parser throws on a client's body is that body's fault.
            throw new BadRequestProblem("The body is not a FHIR R4 JSON resource.", List.of(new Violation("", "not FHIR R4 JSON")));
        }
        if (!(parsed instanceof Bundle bundle)) {
            throw new BadRequestProblem("Send a FHIR Bundle.", List.of(new Violation("resourceType", "must be Bundle")));
        }
        FhirFacts facts = new FhirFacts();
        bundle.getEntry().stream().filter(Bundle.BundleEntryComponent::hasResource).forEach(e -> facts.add(e.getResource()));
        TreatmentPlan plan = planner.plan(planner.request(facts), AuditLog.Channel.FHIR,
                AuditLog.callerOf(security.getUserPrincipal()));
        if (wantsPlanJson(accept)) {
            return Response.ok(plan, MediaType.APPLICATION_JSON).build();
        }
        Reference subject = facts.patient != null && facts.patient.hasIdElement() && facts.patient.getIdElement().hasIdPart()
                ? new Reference("Patient/" + facts.patient.getIdElement().getIdPart())
                : new Reference().setDisplay("Patient of the submitted Bundle");
        String carePlan = fhir.json().encodeResourceToString(FhirPlanWriter.carePlan(plan, subject,
                rules.current().terminology().fhir()));
        return Response.ok(carePlan, FHIR_JSON).build();
    }

    /** FHIR unless the caller asks for plain JSON and not for FHIR: integrators see the plan behind a card. */
    static boolean wantsPlanJson(String accept) {
        if (accept == null) {
            return false;
        }
        String a = accept.toLowerCase(java.util.Locale.ROOT);
        return a.contains(MediaType.APPLICATION_JSON) && !a.contains(FHIR_JSON);
    }
}
