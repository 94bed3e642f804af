package org.ketaplan.facts;

/**
 * Demographics. Every field may be null: null means "not reported", never "no". {@code pregnancyTestDaysAgo}: days
 * from the test behind {@code pregnancyStatus} to the plan date.
 */
public record Patient(
        Integer ageYears,
        Sex sex,
        Boolean childbearingPotential,
        PregnancyStatus pregnancyStatus,
        Boolean breastfeeding,
        Double weightKg,
        Double heightCm,
        Double bmi,
        Long pregnancyTestDaysAgo) {
}
