package org.ketaplan.facts;

import java.time.LocalDate;

/** One dated set of resting vital signs. */
public record VitalSigns(
        LocalDate date,
        long daysBeforeAsOf,
        Integer systolic,
        Integer diastolic,
        Integer heartRate,
        Integer spo2) {
}
