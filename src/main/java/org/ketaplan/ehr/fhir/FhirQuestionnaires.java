package org.ketaplan.ehr.fhir;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.hl7.fhir.r4.model.Resource;
import org.ketaplan.ruleset.FhirTerminology;

/**
 * Scores and screener answers a site records as questionnaires: each answered item whose linkId is a code of
 * {@code fhir-observations.csv} (as LOINC-based forms name them: the code, or the code after a slash) reads as
 * that observation, dated when the response was authored, and keeps the response as its source.
 */
final class FhirQuestionnaires {

    /** Items nest; real forms go two or three deep. */
    private static final int MAX_DEPTH = 8;
    private static final Pattern LINK = Pattern.compile("/?([0-9]{1,10}-[0-9])");

    private FhirQuestionnaires() {
    }

    /** The observations the responses hold, each mapped to the response it came from. */
    static List<Observation> observations(List<QuestionnaireResponse> responses, FhirTerminology codes,
                                          Map<Resource, Resource> origin) {
        List<Observation> out = new ArrayList<>();
        for (QuestionnaireResponse qr : responses) {
            String status = qr.getStatus() == null ? "" : qr.getStatus().toCode();
            if (!(status.equals("completed") || status.equals("amended")) || !qr.hasAuthored()) {
                continue;
            }
            items(qr, qr.getItem(), 0, codes, origin, out);
        }
        return out;
    }

    private static void items(QuestionnaireResponse qr, List<QuestionnaireResponse.QuestionnaireResponseItemComponent> items,
                              int depth, FhirTerminology codes, Map<Resource, Resource> origin, List<Observation> out) {
        if (depth > MAX_DEPTH) {
            return;
        }
        for (var item : items) {
            var m = item.hasLinkId() ? LINK.matcher(item.getLinkId()) : null;
            if (m != null && m.matches() && item.hasAnswer() && item.getAnswerFirstRep().hasValue()) {
                String code = m.group(1);
                FhirTerminology.ObservationRow row = codes.observations().values().stream()
                        .filter(r -> r.code().equals(code)).findFirst().orElse(null);
                if (row != null) {
                    Observation o = new Observation();
                    o.setStatus(Observation.ObservationStatus.FINAL);
                    o.getCode().addCoding().setSystem(row.system()).setCode(code);
                    o.setEffective(new DateTimeType(qr.getAuthored()));
                    org.hl7.fhir.r4.model.Type value = value(item.getAnswerFirstRep().getValue());
                    if (value != null) {
                        o.setValue(value);
                        origin.put(o, qr);
                        out.add(o);
                    }
                }
            }
            items(qr, item.getItem(), depth + 1, codes, origin, out);
            item.getAnswer().forEach(a -> items(qr, a.getItem(), depth + 1, codes, origin, out));
        }
    }

    /** An answer as an observation's value: a coding becomes a concept, a decimal a quantity; others as they are. */
    private static org.hl7.fhir.r4.model.Type value(org.hl7.fhir.r4.model.Type v) {
        if (v instanceof org.hl7.fhir.r4.model.Coding c) {
            return new org.hl7.fhir.r4.model.CodeableConcept(c);
        }
        if (v instanceof org.hl7.fhir.r4.model.DecimalType d) {
            return new org.hl7.fhir.r4.model.Quantity().setValue(d.getValue());
        }
        return v instanceof org.hl7.fhir.r4.model.IntegerType || v instanceof org.hl7.fhir.r4.model.BooleanType
                || v instanceof org.hl7.fhir.r4.model.StringType || v instanceof org.hl7.fhir.r4.model.Quantity ? v : null;
    }

    static Map<Resource, Resource> newOrigin() {
        return new IdentityHashMap<>();
    }
}
