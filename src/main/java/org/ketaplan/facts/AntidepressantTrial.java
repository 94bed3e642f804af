package org.ketaplan.facts;

/**
 * An antidepressant taken in this episode, with what the rules need to judge it adequate (DX-02): the daily dose,
 * the lowest adequate daily dose from {@code rules/terminology/medications.csv} (null when the table gives none or
 * the drug is not a known antidepressant) and the days taken, up to {@code asOf} when still taken.
 */
public record AntidepressantTrial(
        int index,
        String drug,
        Double dailyDoseMg,
        Double adequateDailyMg,
        long days) {
}
