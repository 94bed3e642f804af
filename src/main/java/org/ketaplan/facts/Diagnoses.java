package org.ketaplan.facts;

public record Diagnoses(
        Boolean majorDepressiveDisorder,
        PtsdStatus ptsd,
        BipolarDisorder bipolarDisorder,
        Boolean currentManicHypomanicOrMixedEpisode,
        Boolean priorManicOrHypomanicEpisode,
        PsychoticFeatures psychoticFeatures,
        Boolean primaryPsychoticDisorder) {
}
