package org.ketaplan.facts;

import java.time.LocalDate;

/** The most recent reading with a blood pressure, on or before the plan date, however old. */
public record CurrentVitals(
        LocalDate date,
        long daysBeforeAsOf,
        Integer systolic,
        Integer diastolic,
        Integer heartRate,
        Integer spo2) {
}
