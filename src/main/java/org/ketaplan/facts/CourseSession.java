package org.ketaplan.facts;

import java.time.LocalDate;

/**
 * One ketamine or esketamine session already given, numbered from 1 in date order, so that a rule can name
 * "the 6th infusion" (e.g. the last session of an IV induction).
 */
public record CourseSession(int number, LocalDate date, long daysBeforeAsOf) {
}
