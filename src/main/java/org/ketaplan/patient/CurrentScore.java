package org.ketaplan.patient;

import java.time.LocalDate;

/** The most recent score of an instrument on or before the plan date (api-contract "current"). */
public record CurrentScore(Instrument instrument, int score, LocalDate date, long daysBeforeAsOf) {
}
