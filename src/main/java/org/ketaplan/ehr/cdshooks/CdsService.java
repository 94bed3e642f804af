package org.ketaplan.ehr.cdshooks;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.jboss.logging.Logger;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.TriageLevel;
import org.ketaplan.ehr.fhir.FhirFacts;
import org.ketaplan.ehr.fhir.FhirPlanWriter;
import org.ketaplan.ehr.fhir.FhirPlanner;
import org.ketaplan.ehr.fhir.FhirSupport;
import org.ketaplan.audit.AuditLog;
import org.ketaplan.plan.BadRequestProblem;
import org.ketaplan.plan.DraftStore;
import org.ketaplan.plan.TreatmentPlan;
import org.ketaplan.plan.Violation;
import org.ketaplan.ruleset.RuleBaseHolder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;


/**
 * The two CDS services: {@code ketamine-plan} on patient-view and {@code ketamine-order-check} on
 * order-select. Both read the EHR's FHIR data (prefetch, else the EHR's FHIR server, else 412), make the
 * same plan as the JSON API, and return it as one card.
 */
@ApplicationScoped
public class CdsService {

    public static final String PLAN_SERVICE = "ketamine-plan";
    public static final String ORDER_SERVICE = "ketamine-order-check";
    private static final Logger LOG = Logger.getLogger(CdsService.class);
    private static final Set<String> MEDICATION_KEYS = Set.of("medicationRequests", "medicationStatements");
    /** How many recent results each observation prefetch asks for. */
    private static final Map<String, Integer> PREFETCH_COUNTS = orderedCounts();

    private static Map<String, Integer> orderedCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        counts.put("phq9", 20);
        counts.put("suicideScreen", 20);
        counts.put("pcl5", 10);
        counts.put("bloodPressure", 3);
        counts.put("vitals", 10);
        counts.put("pregnancy", 1);
        return counts;
    }

    /** A call the service cannot answer for a reason the caller can fix. */
    public static class CdsProblem extends RuntimeException {
        final int status;

        public CdsProblem(int status, String message) {
            super(message, null, false, false);
            this.status = status;
        }
    }

    private final CdsConfig config;
    private final DraftStore drafts;
    private final FhirSupport fhir;
    private final FhirPlanner planner;
    private final RuleBaseHolder rules;
    private final ObjectMapper json;
    private final FhirServerClient fhirServer;
    /** All reads from one call's fhirServer together: a slow EHR cannot hold a worker for long. */
    static final Duration FHIR_SERVER_DEADLINE = Duration.ofSeconds(10);
    /** A FHIR logical id (R4 "id" datatype): anything else is refused before it reaches a URL. */
    private static final java.util.regex.Pattern FHIR_ID = java.util.regex.Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    public CdsService(CdsConfig config, FhirSupport fhir, FhirPlanner planner, RuleBaseHolder rules, ObjectMapper json,
                      DraftStore drafts) {
        this.config = config;
        this.drafts = drafts;
        this.fhir = fhir;
        this.planner = planner;
        this.rules = rules;
        this.json = json;
        this.fhirServer = new FhirServerClient(config.fhirServers().orElse(List.of()),
                config.fhirServerPrivateAddresses(), json);
    }

    public CdsHooks.Discovery discovery() {
        return new CdsHooks.Discovery(List.of(
                new CdsHooks.Service("patient-view", "Ketamine treatment plan",
                        "For adults with depression or PTSD: whether ketamine or esketamine is indicated, what blocks "
                                + "it (contraindications, suicide risk, missing data), and the proposed series, "
                                + "maintenance and psychotherapy.", PLAN_SERVICE, prefetch(false),
                        "Reads the listed resources by prefetch, or from fhirServer with fhirAuthorization "
                                + "(patient/*.read). Decision support for a licensed clinician."),
                new CdsHooks.Service("order-select", "Ketamine order check",
                        "When a ketamine or esketamine order is drafted: contraindications, suicide-risk triage and "
                                + "the full series instead of a single order.", ORDER_SERVICE, prefetch(true), null)));
    }

    /**
     * The prefetch queries, with the observation codes of each taken from rules/terminology/fhir-observations.csv,
     * so that a site adding a code (its PCL-5, say) has it asked for without a code change.
     */
    private Map<String, String> prefetch(boolean order) {
        String p = "{{context.patientId}}";
        Map<String, List<String>> codes = rules.current().terminology().fhir().prefetchCodes();
        Map<String, String> m = new LinkedHashMap<>();
        m.put("patient", "Patient/" + p);
        // Every status: a resolved psychosis, mania or haemorrhage is history the rules need (fhir-conditions.csv).
        m.put("conditions", "Condition?patient=" + p);
        PREFETCH_COUNTS.forEach((key, count) -> {
            List<String> keyCodes = codes.get(key);
            if (keyCodes != null) {
                m.put(key, "Observation?patient=" + p + "&code=" + String.join(",", keyCodes) + "&_sort=-date&_count="
                        + count);
            }
        });
        // Ended orders too: the antidepressant trials of this episode are in them (DX-02); the current list is the
        // active ones.
        m.put("medicationRequests", "MedicationRequest?patient=" + p + "&status=active,on-hold,completed,stopped"
                + "&_include=MedicationRequest:medication");
        m.put("medicationStatements", "MedicationStatement?patient=" + p + "&status=active,completed,stopped,intended");
        m.put("procedures", "Procedure?patient=" + p);
        m.put("allergies", "AllergyIntolerance?patient=" + p);
        m.put("administrations", "MedicationAdministration?patient=" + p + "&status=completed");
        // Scores and C-SSRS answers a site records as forms (items named by their LOINC code).
        m.put("questionnaireResponses", "QuestionnaireResponse?patient=" + p + "&status=completed,amended"
                + "&_sort=-authored&_count=20");
        return m;
    }

    /** {@code calledBase}: the base URL the EHR called, for the card's link when no page URL is configured. */
    public CdsHooks.Response evaluate(String serviceId, CdsHooks.Request request, String calledBase, String caller) {
        boolean order = ORDER_SERVICE.equals(serviceId);
        if (!order && !PLAN_SERVICE.equals(serviceId)) {
            throw new CdsProblem(404, "no CDS service " + serviceId);
        }
        String expectedHook = order ? "order-select" : "patient-view";
        if (request == null || request.hookInstance() == null || request.context() == null
                || !expectedHook.equals(request.hook())) {
            throw new CdsProblem(400, "hook must be " + expectedHook + " with hookInstance and context");
        }
        String patientId = request.context().path("patientId").asText(null);
        if (patientId == null || patientId.isBlank()) {
            throw new CdsProblem(400, "context.patientId is required");
        }
        if (!FHIR_ID.matcher(patientId).matches()) {
            throw new CdsProblem(400, "context.patientId must be a FHIR id (letters, digits, '-' and '.', at most 64)");
        }
        if (order && !ketamineSelected(request.context())) {
            return new CdsHooks.Response(List.of());
        }
        FhirPlanner.EhrRequest ehr = planner.requestWithSources(gather(request, patientId, order));
        ObjectNode planRequest = ehr.request();
        // patient-view fires for every chart opened: only patients with depression or PTSD get a card.
        if (!order && !planRequest.path("diagnoses").has("majorDepressiveDisorder")
                && !planRequest.path("diagnoses").has("ptsd")) {
            return new CdsHooks.Response(List.of());
        }
        TreatmentPlan plan;
        try {
            plan = planner.plan(planRequest, AuditLog.Channel.CDS_HOOKS, caller);
        } catch (BadRequestProblem e) {
            return new CdsHooks.Response(List.of(dataProblemCard(e.violations())));
        }
        if (config.hideNotIndicated() && plan.eligibility() == EligibilityLevel.NOT_INDICATED
                && plan.triage() == TriageLevel.ROUTINE) {
            return new CdsHooks.Response(List.of());
        }
        Reference subject = new Reference("Patient/" + patientId);
        var terminology = rules.current().terminology();
        JsonNode group = resource(FhirPlanWriter.requestGroup(plan, subject, terminology.fhir()));
        JsonNode care = resource(FhirPlanWriter.carePlan(plan, subject, terminology.fhir()));
        DraftStore.Draft draft = drafts.create(planRequest, ehr.sources());
        CdsHooks.Link link = new CdsHooks.Link("Open the plan in Ketaplan to complete it",
                pageUrl(calledBase) + "?draft=" + draft.id(), "absolute");
        return new CdsHooks.Response(List.of(CardBuilder.card(plan, group, care, terminology.wording(), link)));
    }

    /** The clinician page: configured, else where the EHR reached this service. */
    private String pageUrl(String calledBase) {
        String page = config.pageUrl().or(config::baseUrl).orElse(calledBase);
        return page.endsWith("/") ? page : page + "/";
    }

    /** The EHR's data is out of the ranges the contract allows: say which fields, not their values. */
    private CdsHooks.Card dataProblemCard(List<Violation> violations) {
        StringBuilder md = new StringBuilder("The EHR data for this patient has values Ketaplan cannot use:\n");
        violations.forEach(v -> md.append("- `").append(v.field()).append("`: ").append(v.message()).append('\n'));
        return new CdsHooks.Card(java.util.UUID.randomUUID().toString(),
                "Ketamine plan not made: some EHR values are out of range (details)", md.toString(), "warning",
                new CdsHooks.Source("Ketaplan rules " + rules.current().version(), null, CardBuilder.TOPIC), null, null,
                null, null);
    }

    /**
     * Whether a selected draft order is for ketamine or esketamine, by the same table that recognises a session given
     * (rules/terminology/fhir-ketamine-products.csv): its codings (RxNorm) first, else the words of its text and
     * codings' displays. A site adds its products' codes there, without a code change.
     */
    private boolean ketamineSelected(JsonNode context) {
        JsonNode orders = context.path("draftOrders").path("entry");
        Set<String> selections = new java.util.HashSet<>();
        context.path("selections").forEach(s -> selections.add(s.asText()));
        var products = rules.current().terminology().fhir().ketamineProducts();
        for (JsonNode e : orders) {
            JsonNode r = e.path("resource");
            String ref = r.path("resourceType").asText() + "/" + r.path("id").asText();
            if (!selections.isEmpty() && !selections.contains(ref)) {
                continue;
            }
            JsonNode concept = medication(r, orders);
            List<String> words = new java.util.ArrayList<>();
            words.add(concept.path("text").asText(null));
            concept.path("coding").forEach(c -> words.add(c.path("display").asText(null)));
            for (var product : products) {
                boolean coded = product.code() != null && java.util.stream.StreamSupport
                        .stream(concept.path("coding").spliterator(), false)
                        .anyMatch(c -> product.matches(c.path("system").asText(null), c.path("code").asText(null),
                                List.of()));
                if (coded || (product.text() != null && product.matches(null, null, words))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * What a draft MedicationRequest orders: its medicationCodeableConcept, or the code of the Medication its
     * medicationReference points to, contained in it ("#id") or another entry of the draft orders (by fullUrl or
     * Medication/id). A reference that leads nowhere names nothing: the order is not recognised as ketamine.
     */
    private static JsonNode medication(JsonNode order, JsonNode entries) {
        if (order.has("medicationCodeableConcept")) {
            return order.path("medicationCodeableConcept");
        }
        String ref = order.path("medicationReference").path("reference").asText("");
        if (ref.startsWith("#")) {
            for (JsonNode c : order.path("contained")) {
                if ("Medication".equals(c.path("resourceType").asText()) && ref.substring(1).equals(c.path("id").asText())) {
                    return c.path("code");
                }
            }
        } else if (!ref.isEmpty()) {
            for (JsonNode e : entries) {
                JsonNode m = e.path("resource");
                if ("Medication".equals(m.path("resourceType").asText())
                        && (ref.equals(e.path("fullUrl").asText(null)) || ref.equals("Medication/" + m.path("id").asText()))) {
                    return m.path("code");
                }
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    /** Prefetch keys an EHR may leave out even without a fhirServer. */
    static final java.util.Set<String> OPTIONAL_KEYS = java.util.Set.of("allergies", "administrations",
            "questionnaireResponses");

    private FhirFacts gather(CdsHooks.Request request, String patientId, boolean order) {
        FhirFacts facts = new FhirFacts();
        Map<String, JsonNode> prefetch = request.prefetch() == null ? Map.of() : request.prefetch();
        String base = null;
        long deadline = System.nanoTime() + FHIR_SERVER_DEADLINE.toNanos();
        for (var template : prefetch(order).entrySet()) {
            String key = template.getKey();
            JsonNode value;
            if (prefetch.containsKey(key)) {
                value = prefetch.get(key);
            } else if (request.fhirServer() != null && request.fhirAuthorization() != null
                    && request.fhirAuthorization().access_token() != null) {
                base = base != null ? base : fhirServer.checkedBase(request.fhirServer());
                String query = template.getValue().replace("{{context.patientId}}",
                        java.net.URLEncoder.encode(patientId, java.nio.charset.StandardCharsets.UTF_8));
                value = fhirServer.read(base, query, request.fhirAuthorization().access_token(), deadline);
            } else if (OPTIONAL_KEYS.contains(key)) {
                // Added after EHRs were set up: without it the facts it gives stay unknown and are asked for.
                continue;
            } else {
                throw new CdsProblem(412, "prefetch key " + key + " is missing and there is no fhirServer to read it from");
            }
            absorb(key, value, facts);
        }
        return facts;
    }

    /** null: the EHR has no data for the key; an OperationOutcome: it failed to get it; else resources. */
    private void absorb(String key, JsonNode value, FhirFacts facts) {
        if (value == null || value.isNull()) {
            if (MEDICATION_KEYS.contains(key)) {
                facts.medicationSearchAnswered();
            }
            return;
        }
        IBaseResource resource;
        try {
            resource = fhir.json().parseResource(value.toString());
        } catch (RuntimeException e) {
            // HAPI reports some malformed resources with a NullPointerException: the EHR's data, a 400.
            throw new CdsProblem(400, "prefetch key " + key + " is not a FHIR R4 resource");
        }
        if (resource instanceof OperationOutcome) {
            LOG.warnf("prefetch key %s came back as an OperationOutcome; its facts stay unknown", key);
            facts.failed(key);
            return;
        }
        if (resource instanceof Bundle bundle) {
            if (MEDICATION_KEYS.contains(key)) {
                facts.medicationSearchAnswered();
            }
            bundle.getEntry().forEach(e -> {
                if (e.hasResource()) {
                    facts.add(e.getResource());
                }
            });
        } else {
            facts.add(resource);
        }
    }

    private JsonNode resource(IBaseResource resource) {
        try {
            return json.readTree(fhir.json().encodeResourceToString(resource));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
