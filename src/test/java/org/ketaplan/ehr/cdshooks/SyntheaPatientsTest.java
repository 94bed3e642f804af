package org.ketaplan.ehr.cdshooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.ehr.cdshooks.CdsHooksTest.JSON;
import static org.ketaplan.ehr.cdshooks.CdsHooksTest.call;
import static org.ketaplan.ehr.cdshooks.CdsHooksTest.cards;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;

/**
 * Realistic generated patients (Synthea 3.3.0, US Core shapes; src/test/resources/synthea/README.md) through both EHR
 * paths. The test plays the EHR: it answers each prefetch template the service's discovery document asks for from
 * the patient's record (codes, statuses, counts), as a FHIR server would.
 */
@QuarkusTest
@TestProfile(CdsProfile.class)
class SyntheaPatientsTest {

    private static final Path FIXTURES = Path.of("src/test/resources/synthea");
    /**
     * What a clinician must still collect before a plan, at the median patient: measured 21 on these records (the
     * target is 12; docs/ehr.md says why a record cannot answer the rest). 20 until clinical-spec 19.2 (MD-01) made
     * a recent resting blood pressure block the plan: these records' last readings are older than the window. A
     * ceiling, so that a change that asks for more, or derives less, fails here.
     */
    private static final int MEDIAN_BLOCKING_FACTS = 21;

    @Test
    void everyPatientIsAnsweredWithAtMostOneCardThatLinksToItsDraft() throws IOException {
        Map<String, String> templates = templates();
        List<Integer> blocking = new ArrayList<>();
        StringBuilder report = new StringBuilder("patient\tcard\tindicator\tblocking facts\topen steps\n");
        for (Path fixture : fixtures()) {
            JsonNode record = JSON.readTree(fixture.toFile());
            Response r = call("ketamine-plan", patientView(record, templates));
            assertThat(r.statusCode()).as(fixture + ": " + r.asString()).isEqualTo(200);
            List<JsonNode> cards = cards(r);
            assertThat(cards).as(fixture.toString()).hasSizeLessThanOrEqualTo(1);
            JsonNode plan = planBehind(fixture);
            if (cards.isEmpty()) {
                // Only a chart that shows neither a current depression nor PTSD gets no card.
                assertThat(plan.path("missingData").findValues("fact")).extracting(JsonNode::asText).as(fixture.toString())
                        .contains("diagnoses.majorDepressiveDisorder", "diagnoses.ptsd");
                report.append(fixture.getFileName()).append("\tnone\t\t\t\n");
                continue;
            }
            JsonNode card = cards.get(0);
            assertThat(card.path("summary").asText().length()).isLessThan(140);
            assertThat(card.path("indicator").asText()).as(fixture.toString()).isEqualTo(expectedIndicator(plan));
            assertThat(card.path("links")).hasSize(1);
            assertThat(card.path("links").get(0).path("url").asText()).contains("?draft=");
            long facts = plan.path("missingData").findValues("neededBy").stream()
                    .filter(n -> n.asText().equals("BLOCKS_PLAN")).count();
            blocking.add((int) facts);
            report.append(fixture.getFileName()).append('\t').append("yes\t").append(card.path("indicator").asText())
                    .append('\t').append(facts).append('\t').append(plan.path("openSteps").size()).append('\n');
        }
        assertThat(blocking).as("patients with a card").hasSizeGreaterThanOrEqualTo(3);
        int[] sorted = blocking.stream().mapToInt(Integer::intValue).sorted().toArray();
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2.0;
        report.append("median blocking facts: ").append(median).append('\n');
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "synthea-report.tsv"), report);
        assertThat(median).as(report.toString()).isLessThanOrEqualTo(MEDIAN_BLOCKING_FACTS);
    }

    /** The card's indicator the plan calls for: critical to act now, warning for a safety finding, else info. */
    private static String expectedIndicator(JsonNode plan) {
        String triage = plan.path("triage").asText();
        if (triage.equals("EMERGENCY_REFERRAL") || plan.path("eligibility").asText().equals("INELIGIBLE")) {
            return "critical";
        }
        return triage.equals("URGENT_SAME_DAY_ASSESSMENT") ? "warning" : "info";
    }

    /** The TreatmentPlan the same record gives through the Bundle endpoint. */
    private static JsonNode planBehind(Path fixture) throws IOException {
        Response r = org.ketaplan.web.SignedIn.asClinician().contentType("application/fhir+json").accept("application/json")
                .body(Files.readString(fixture)).post("/api/v1/plans/fhir");
        assertThat(r.statusCode()).as(fixture + ": " + r.asString()).isEqualTo(200);
        return JSON.readTree(r.asString());
    }

    private static List<Path> fixtures() throws IOException {
        try (Stream<Path> files = Files.list(FIXTURES)) {
            return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
    }

    private static Map<String, String> templates() throws IOException {
        JsonNode discovery = JSON.readTree(given().header("Authorization", "Bearer " + CdsHooksTest.token("/cds-services"))
                .get("/cds-services").asString());
        for (JsonNode service : discovery.path("services")) {
            if (service.path("id").asText().equals("ketamine-plan")) {
                Map<String, String> out = new LinkedHashMap<>();
                service.path("prefetch").fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
                return out;
            }
        }
        throw new AssertionError("no ketamine-plan service");
    }

    private static ObjectNode patientView(JsonNode record, Map<String, String> templates) {
        List<JsonNode> resources = new ArrayList<>();
        record.path("entry").forEach(e -> resources.add(e.path("resource")));
        JsonNode patient = resources.stream().filter(r -> r.path("resourceType").asText().equals("Patient")).findFirst()
                .orElseThrow();
        ObjectNode req = JSON.createObjectNode();
        req.put("hook", "patient-view");
        req.put("hookInstance", UUID.randomUUID().toString());
        req.putObject("context").put("userId", "Practitioner/example").put("patientId", patient.path("id").asText());
        ObjectNode prefetch = req.putObject("prefetch");
        templates.forEach((key, template) -> prefetch.set(key, answer(template, resources)));
        return req;
    }

    /** What a FHIR server answers to one template: a read, or a search by type, code, status, sort and count. */
    private static JsonNode answer(String template, List<JsonNode> resources) {
        String[] parts = template.split("\\?", 2);
        if (!template.contains("?")) {
            String type = template.split("/")[0];
            return resources.stream().filter(r -> r.path("resourceType").asText().equals(type)).findFirst().orElseThrow();
        }
        String type = parts[0];
        Map<String, String> params = new LinkedHashMap<>();
        Arrays.stream(parts[1].split("&")).map(p -> p.split("=", 2)).forEach(p -> params.put(p[0], p[1]));
        Set<String> codes = params.containsKey("code") ? Set.of(params.get("code").split(",")) : null;
        Set<String> statuses = params.containsKey("status") ? Set.of(params.get("status").split(",")) : null;
        List<JsonNode> matches = new ArrayList<>(resources.stream()
                .filter(r -> r.path("resourceType").asText().equals(type))
                .filter(r -> statuses == null || statuses.contains(r.path("status").asText()))
                .filter(r -> codes == null || r.path("code").path("coding").findValues("code").stream()
                        .anyMatch(c -> codes.contains(c.asText())))
                .toList());
        if ("-date".equals(params.get("_sort"))) {
            matches.sort(Comparator.comparing((JsonNode r) -> r.path("effectiveDateTime").asText()).reversed());
        }
        if (params.containsKey("_count")) {
            matches = matches.subList(0, Math.min(matches.size(), Integer.parseInt(params.get("_count"))));
        }
        if ("MedicationRequest:medication".equals(params.get("_include"))) {
            List<String> wanted = matches.stream().map(m -> m.path("medicationReference").path("reference").asText())
                    .filter(s -> !s.isEmpty()).toList();
            resources.stream().filter(r -> r.path("resourceType").asText().equals("Medication"))
                    .filter(r -> wanted.stream().anyMatch(w -> w.endsWith(r.path("id").asText())))
                    .forEach(matches::add);
        }
        ObjectNode bundle = JSON.createObjectNode().put("resourceType", "Bundle").put("type", "searchset");
        ArrayNode entries = bundle.putArray("entry");
        matches.forEach(m -> entries.addObject().set("resource", m));
        return bundle;
    }
}
