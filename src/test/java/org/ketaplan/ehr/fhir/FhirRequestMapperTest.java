package org.ketaplan.ehr.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.plan.Requests;
import org.ketaplan.ruleset.TestRules;

import com.fasterxml.jackson.databind.node.ObjectNode;

import ca.uhn.fhir.context.FhirContext;

/** FHIR R4 in, v1 request facts out: value variants, code systems and statuses. */
class FhirRequestMapperTest {

    static final FhirContext CONTEXT = FhirContext.forR4();
    static final LocalDate AS_OF = LocalDate.parse("2026-11-21");

    static ObjectNode map(String... resources) {
        FhirFacts facts = new FhirFacts();
        for (String r : resources) {
            facts.add(CONTEXT.newJsonParser().parseResource(r));
        }
        return new FhirRequestMapper(Requests.JSON).toRequest(facts, AS_OF, TestRules.ruleBase().terminology());
    }

    static String obs(String system, String code, String value, String date) {
        return """
                {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"%s","code":"%s"}]},
                 "effectiveDateTime":"%s",%s}""".formatted(system, code, date, value);
    }

    static String condition(String system, String code, String verification) {
        return """
                {"resourceType":"Condition","verificationStatus":{"coding":[{"system":"http://terminology.hl7.org/CodeSystem/condition-ver-status","code":"%s"}]},
                 "code":{"coding":[{"system":"%s","code":"%s"}]},"subject":{"reference":"Patient/p1"}}""".formatted(verification, system, code);
    }

    static String allergy(String system, String code, String recorded) {
        return """
                {"resourceType":"AllergyIntolerance","patient":{"reference":"Patient/p1"},%s
                 "code":{"coding":[{"system":"%s","code":"%s"}]}}""".formatted(
                recorded == null ? "" : "\"recordedDate\":\"" + recorded + "\",", system, code);
    }

    /**
     * A recorded "no known (drug) allergy" is a clinician's positive statement: it answers the hypersensitivity
     * question within its window, never after it or without a date, and never against a recorded ketamine allergy,
     * in whichever order the records come.
     */
    @Test
    void aRecentNoKnownAllergyStatementAnswersHypersensitivityAndNothingElseDoes() {
        String nka = allergy("http://snomed.info/sct", "716186003", "2025-11-21");
        String nkda = allergy("http://snomed.info/sct", "409137002", "2026-06-01");
        String ketamine = allergy("http://www.nlm.nih.gov/research/umls/rxnorm", "6130", "2019-01-01");
        assertThat(map(nka).path("medicalHistory").path("ketamineHypersensitivity").isBoolean()).isTrue();
        assertThat(map(nka).path("medicalHistory").path("ketamineHypersensitivity").asBoolean()).isFalse();
        assertThat(map(nkda).path("medicalHistory").path("ketamineHypersensitivity").asBoolean(true)).isFalse();
        assertThat(map(allergy("http://snomed.info/sct", "716186003", "2025-11-20")).path("medicalHistory")
                .has("ketamineHypersensitivity")).as("366 days old").isFalse();
        assertThat(map(allergy("http://snomed.info/sct", "716186003", null)).path("medicalHistory")
                .has("ketamineHypersensitivity")).as("undated").isFalse();
        assertThat(map(nkda, ketamine).path("medicalHistory").path("ketamineHypersensitivity").asBoolean()).isTrue();
        assertThat(map(ketamine, nkda).path("medicalHistory").path("ketamineHypersensitivity").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "PHQ-9 as {0}")
    @CsvSource(delimiter = '|', value = {
            "http://loinc.org|44261-6|\"valueInteger\":17",
            "http://loinc.org|44261-6|\"valueString\":\"17\"",
            "http://loinc.org|44261-6|\"valueQuantity\":{\"value\":17,\"unit\":\"{score}\"}",
            "http://snomed.info/sct|720433000|\"valueInteger\":17"})
    void phq9TotalIsReadFromEveryValueShape(String system, String code, String value) {
        ObjectNode req = map(obs(system, code, value, "2026-11-20"));
        assertThat(req.path("assessments").get(0).path("instrument").asText()).isEqualTo("PHQ9");
        assertThat(req.path("assessments").get(0).path("score").asInt()).isEqualTo(17);
    }

    /** A PHQ-9 and a C-SSRS recorded as forms: items named by their LOINC code read as those observations. */
    @Test
    void questionnaireItemsNamedByLoincCodeAreReadWithTheResponseAsSource() {
        String qr = """
                {"resourceType":"QuestionnaireResponse","id":"qr1","status":"completed","authored":"2026-11-20T09:30:00Z",
                 "item":[{"linkId":"phq9","item":[
                   {"linkId":"/44260-8","answer":[{"valueCoding":{"system":"http://loinc.org","code":"LA6569-3"}}]},
                   {"linkId":"/44261-6","answer":[{"valueInteger":19}]}]},
                  {"linkId":"93246-7","answer":[{"valueCoding":{"system":"http://loinc.org","code":"LA32-8"}}]},
                  {"linkId":"unrelated","answer":[{"valueString":"x"}]}]}""";
        FhirFacts facts = new FhirFacts();
        facts.add(CONTEXT.newJsonParser().parseResource(qr));
        FhirRequestMapper mapper = new FhirRequestMapper(Requests.JSON);
        ObjectNode req = mapper.toRequest(facts, AS_OF, TestRules.ruleBase().terminology());
        assertThat(req.path("assessments").findValuesAsText("instrument")).containsExactlyInAnyOrder("PHQ9", "PHQ9_ITEM9");
        assertThat(req.path("assessments").findValues("score")).extracting(n -> n.asInt()).containsExactlyInAnyOrder(19, 1);
        assertThat(req.path("assessments").get(0).path("date").asText()).isEqualTo("2026-11-20");
        assertThat(req.path("suicideScreen").path("wishToBeDead").asBoolean(true)).isFalse();
        assertThat(mapper.sources().get("assessments")).containsExactly("QuestionnaireResponse/qr1");
    }

    @Test
    void aResponseInProgressSaysNothing() {
        ObjectNode req = map("""
                {"resourceType":"QuestionnaireResponse","status":"in-progress","authored":"2026-11-20T09:30:00Z",
                 "item":[{"linkId":"44261-6","answer":[{"valueInteger":19}]}]}""");
        assertThat(req.has("assessments")).isFalse();
    }

    @ParameterizedTest(name = "item 9 answer {0} = {1}")
    @CsvSource({"LA6568-5, 0", "LA6569-3, 1", "LA6570-1, 2", "LA6571-9, 3"})
    void phq9Item9AnswersAreScored(String answer, int score) {
        ObjectNode req = map(obs("http://loinc.org", "44260-8",
                "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"" + answer + "\"}]}", "2026-11-20"));
        assertThat(req.path("assessments").get(0).path("score").asInt()).isEqualTo(score);
    }

    @Test
    void enteredInErrorAndFutureDataAreIgnored() {
        ObjectNode req = map(condition("http://hl7.org/fhir/sid/icd-10-cm", "F20.9", "entered-in-error"),
                obs("http://loinc.org", "44261-6", "\"valueInteger\":5", "2026-12-01"),
                """
                {"resourceType":"Observation","status":"entered-in-error","code":{"coding":[{"system":"http://loinc.org","code":"44261-6"}]},
                 "effectiveDateTime":"2026-11-20","valueInteger":27}""");
        assertThat(req.has("diagnoses")).isFalse();
        assertThat(req.has("assessments")).isFalse();
    }

    @Test
    void refutedConditionIsRuledOutAndAbsentOneStaysUnknown() {
        ObjectNode req = map(condition("http://hl7.org/fhir/sid/icd-10-cm", "F31.9", "refuted"),
                condition("http://hl7.org/fhir/sid/icd-10-cm", "I10", "refuted"),
                condition("http://hl7.org/fhir/sid/icd-10-cm", "F33.1", "confirmed"));
        assertThat(req.path("diagnoses").path("bipolarDisorder").asText()).isEqualTo("NONE");
        assertThat(req.path("medicalHistory").path("hypertension").asBoolean(true)).isFalse();
        assertThat(req.path("diagnoses").path("majorDepressiveDisorder").asBoolean()).isTrue();
        assertThat(req.path("diagnoses").has("ptsd")).isFalse();
        assertThat(req.path("medicalHistory").has("aneurysmalVascularDisease")).isFalse();
    }

    @ParameterizedTest(name = "{0}/{1} as {2}: ptsd {3}")
    @CsvSource({
            "http://hl7.org/fhir/sid/icd-10-cm, F43.12, confirmed, CONFIRMED",
            "http://snomed.info/sct, 47505003, confirmed, CONFIRMED",
            "http://hl7.org/fhir/sid/icd-10-cm, F43.10, provisional, PROBABLE"})
    void ptsdByIcdOrSnomed(String system, String code, String verification, String ptsd) {
        assertThat(map(condition(system, code, verification)).path("diagnoses").path("ptsd").asText()).isEqualTo(ptsd);
    }

    @Test
    void vitalsAreConvertedFromUcumUnits() {
        ObjectNode req = map(
                obs("http://loinc.org", "29463-7", "\"valueQuantity\":{\"value\":154.3,\"system\":\"http://unitsofmeasure.org\",\"code\":\"[lb_av]\"}", "2026-11-20"),
                obs("http://loinc.org", "8302-2", "\"valueQuantity\":{\"value\":65,\"system\":\"http://unitsofmeasure.org\",\"code\":\"[in_i]\"}", "2026-11-20"),
                obs("http://loinc.org", "29463-7", "\"valueQuantity\":{\"value\":70,\"unit\":\"stone\"}", "2026-11-21"),
                """
                {"resourceType":"Observation","status":"final","code":{"coding":[{"system":"http://loinc.org","code":"85354-9"}]},
                 "effectiveDateTime":"2026-11-20","component":[
                 {"code":{"coding":[{"system":"http://loinc.org","code":"8480-6"}]},"valueQuantity":{"value":141,"code":"mm[Hg]"}},
                 {"code":{"coding":[{"system":"http://loinc.org","code":"8462-4"}]},"valueQuantity":{"value":88,"code":"mm[Hg]"}}]}""");
        assertThat(req.path("patient").path("weightKg").asDouble()).isEqualTo(70.0);
        assertThat(req.path("patient").path("heightCm").asDouble()).isEqualTo(165.1);
        assertThat(req.path("vitals").get(0).path("systolic").asInt()).isEqualTo(141);
        assertThat(req.path("vitals").get(0).path("diastolic").asInt()).isEqualTo(88);
    }

    @Test
    void cssrsItemsAndBehaviourMapToTheScreen() {
        String yes = "\"valueCodeableConcept\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"LA33-6\"}]}";
        ObjectNode req = map(obs("http://loinc.org", "93248-3", yes, "2026-11-20"),
                obs("http://loinc.org", "93267-3", yes, "2026-11-20"),
                obs("http://loinc.org", "93269-9", "\"valueBoolean\":false", "2026-11-20"));
        assertThat(req.path("suicideScreen").path("methodWithoutIntent").asBoolean()).isTrue();
        assertThat(req.path("suicideScreen").path("suicidalBehaviorMonthsAgo").asInt()).isEqualTo(4);
        assertThat(req.path("suicideScreen").has("intentWithPlan")).isFalse();
    }

    @Test
    void medicationsAreNamedByTheirGenericIngredient() {
        ObjectNode req = map("""
                {"resourceType":"MedicationRequest","status":"active","intent":"order","subject":{"reference":"Patient/p1"},
                 "medicationCodeableConcept":{"coding":[{"system":"http://www.nlm.nih.gov/research/umls/rxnorm","code":"197591","display":"Diazepam 5 MG Oral Tablet"}]}}""",
                """
                {"resourceType":"MedicationRequest","status":"stopped","intent":"order","subject":{"reference":"Patient/p1"},
                 "medicationCodeableConcept":{"text":"Phenelzine 15 MG"}}""");
        assertThat(req.path("medications")).hasSize(1);
        assertThat(req.path("medications").get(0).path("name").asText()).isEqualTo("diazepam");
    }
}
