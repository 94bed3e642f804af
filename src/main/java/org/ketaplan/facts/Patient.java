package org.ketaplan.facts;

/** Demographics. Every field may be null: null means "not reported", never "no". */
public record Patient(
        Integer ageYears,
        Sex sex,
        Boolean childbearingPotential,
        PregnancyStatus pregnancyStatus,
        Boolean breastfeeding,
        Double weightKg,
        Double heightCm,
        Double bmi) {
}
