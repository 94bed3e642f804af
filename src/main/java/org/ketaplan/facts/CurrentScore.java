package org.ketaplan.facts;

import java.time.LocalDate;

/**
 * The score of an instrument the rules judge severity and indication on: a {@link LatestScore} the rules
 * found recent enough (clinical-spec SCO-01). Inserted by rules, never by the request mapping.
 */
public record CurrentScore(Instrument instrument, int score, LocalDate date, long daysBeforeAsOf) {
}
