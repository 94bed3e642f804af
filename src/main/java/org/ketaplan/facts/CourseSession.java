package org.ketaplan.facts;

import java.time.LocalDate;
import java.util.Set;

/**
 * One ketamine or esketamine session already given, numbered from 1 in date order, so that a rule can name
 * "the 6th infusion" (e.g. the last session of an IV induction), with what its record holds. Every field but
 * {@code number}, {@code date} and {@code daysBeforeAsOf} may be null (not recorded); {@code modality} is the
 * session's own or, when it names none, the course's. {@code daysSincePrevious} is null for the first session.
 */
public record CourseSession(
        int number,
        LocalDate date,
        long daysBeforeAsOf,
        Long daysSincePrevious,
        Modality modality,
        Double doseMg,
        SessionVitals vitalsBefore,
        SessionVitals vitalsAt40Min,
        SessionVitals vitalsDischarge,
        Integer lowestSpo2,
        Integer cadss,
        Integer moaas,
        Set<AdverseEvent> adverseEvents,
        Integer observedMinutes,
        Integer readyToLeaveMinutes) {

    /** A session known only by its date (v1 requests). */
    public CourseSession(int number, LocalDate date, long daysBeforeAsOf) {
        this(number, date, daysBeforeAsOf, null, null, null, null, null, null, null, null, null, Set.of(), null, null);
    }
}
