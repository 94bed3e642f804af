package org.ketaplan.conclusions;

import java.util.List;

public record Psychotherapy(PsychotherapyType type, List<String> options, String detail) implements PlanItem {
    @Override
    public String text() {
        return detail;
    }
}
