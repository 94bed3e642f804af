package org.ketaplan.facts;

import java.time.LocalDate;

/**
 * One dated rating-scale score, as reported. {@code percentReductionFromBaseline} is
 * (baseline - score) / baseline x 100 against the baseline of the same instrument, or null when there is
 * no course, no baseline, or a baseline of 0. {@code afterFirstSession} is true for scores dated after
 * the first course session.
 */
public record Assessment(
        Instrument instrument,
        int score,
        LocalDate date,
        long daysBeforeAsOf,
        boolean afterFirstSession,
        Double percentReductionFromBaseline) {
}
