package org.ketaplan.plan;

import java.util.List;
import java.util.Optional;

/**
 * Why a clinician did not follow a recommendation: one list for the EHR card (CDS Hooks {@code overrideReasons}) and
 * for the page, so that the override analytics count both in the same words.
 */
public final class OverrideReasons {

    public static final String SYSTEM = "https://ketaplan.org/CodeSystem/override-reason";

    public record Reason(String code, String display) {
    }

    public static final List<Reason> ALL = List.of(
            new Reason("patient-declined", "Patient declined"),
            new Reason("clinical-judgement", "Clinical judgement differs"),
            new Reason("data-incorrect", "EHR data is incorrect or incomplete"));

    private OverrideReasons() {
    }

    public static Optional<Reason> of(String code) {
        return ALL.stream().filter(r -> r.code().equals(code)).findFirst();
    }
}
