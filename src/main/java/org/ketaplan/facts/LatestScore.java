package org.ketaplan.facts;

import java.time.LocalDate;

/**
 * The most recent score of an instrument on or before the plan date, however old. The rules decide when it
 * is recent enough to be "current" (clinical-spec SCO-01, {@code CurrentScore}); a risk signal such as a high
 * YMRS counts whatever its age until a newer score replaces it (SAFE-01).
 */
public record LatestScore(Instrument instrument, int score, LocalDate date, long daysBeforeAsOf) {
}
