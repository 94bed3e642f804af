package org.ketaplan.patient;

/**
 * Change of one instrument from its baseline (on or before the first session) to its current score (on
 * or before the plan date, after the first session). Only made when both exist and differ in date.
 * percentReduction = (baseline - current) / baseline x 100; pointsReduction = baseline - current.
 */
public record ScoreChange(
        Instrument instrument,
        int baseline,
        int current,
        Double percentReduction,
        int pointsReduction) {
}
