package org.ketaplan.facts;

import java.time.LocalDate;

/**
 * C-SSRS screener. Items 1-5 cover the past month. Item 6 is split in two so that "never" and
 * "not asked" cannot be confused: {@code suicidalBehaviorEver} is false for "never", null when unknown.
 */
public record SuicideScreen(
        LocalDate date,
        long daysBeforeAsOf,
        Boolean wishToBeDead,
        Boolean nonSpecificActiveThoughts,
        Boolean methodWithoutIntent,
        Boolean intentWithoutPlan,
        Boolean intentWithPlan,
        Boolean suicidalBehaviorEver,
        Integer suicidalBehaviorMonthsAgo,
        Boolean imminentDanger) {
}
