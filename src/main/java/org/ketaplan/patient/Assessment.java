package org.ketaplan.patient;

import java.time.LocalDate;

/** One dated rating-scale score, as reported. */
public record Assessment(Instrument instrument, int score, LocalDate date, long daysBeforeAsOf) {
}
