package org.ketaplan.facts;

import java.time.LocalDate;

/**
 * The ketamine/esketamine course so far. {@code sessionsGiven} is 0 before the first session;
 * {@code plannedFirstSession} is the day the first session is planned, when the request says (SES-01b).
 */
public record Course(
        Modality modality,
        int sessionsGiven,
        LocalDate firstSession,
        LocalDate lastSession,
        Long daysSinceFirstSession,
        Long daysSinceLastSession,
        LocalDate plannedFirstSession) {
}
