package org.ketaplan.facts;

/**
 * Change of one instrument from the most recent score on or before the first session to the most recent
 * score after it, as measured. The rules turn it into a {@link ScoreChange} only when that first score is a
 * valid baseline (clinical-spec SCO-02). percentReduction = (baseline - current) / baseline x 100 (null for a
 * baseline of 0); pointsReduction = baseline - current.
 */
public record MeasuredChange(
        Instrument instrument,
        int baseline,
        int current,
        Double percentReduction,
        int pointsReduction,
        long baselineDaysBeforeFirstSession) {
}
