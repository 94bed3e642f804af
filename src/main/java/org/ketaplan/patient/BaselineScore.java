package org.ketaplan.patient;

import java.time.LocalDate;

/** The most recent score of an instrument on or before the first course session (api-contract "baseline"). */
public record BaselineScore(Instrument instrument, int score, LocalDate date) {
}
