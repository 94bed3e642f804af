package org.ketaplan.facts;

import java.time.LocalDate;

/**
 * The most recent score of an instrument on or before the first course session. Whether it is recent enough
 * to be the course's baseline is the rules' decision (clinical-spec SCO-02), on {@code daysBeforeFirstSession}.
 */
public record BaselineScore(Instrument instrument, int score, LocalDate date, long daysBeforeFirstSession) {
}
