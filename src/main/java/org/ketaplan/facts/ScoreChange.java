package org.ketaplan.facts;

/**
 * Change of one instrument from the course's baseline to its most recent score after the first session:
 * a {@link MeasuredChange} whose baseline the rules accepted (clinical-spec SCO-02).
 * percentReduction = (baseline - current) / baseline x 100; pointsReduction = baseline - current.
 */
public record ScoreChange(
        Instrument instrument,
        int baseline,
        int current,
        Double percentReduction,
        int pointsReduction) {
}
