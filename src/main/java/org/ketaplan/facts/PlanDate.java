package org.ketaplan.facts;

import java.time.LocalDate;

/** The date the plan is made for ({@code asOf}); rules use it to date reviews. */
public record PlanDate(LocalDate asOf) {
}
