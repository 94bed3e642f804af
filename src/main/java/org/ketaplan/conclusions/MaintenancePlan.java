package org.ketaplan.conclusions;

import java.time.LocalDate;

public record MaintenancePlan(MaintenanceType type, String detail, LocalDate reviewBy) implements PlanItem {
    @Override
    public String text() {
        return detail;
    }
}
