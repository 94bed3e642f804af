package org.ketaplan.conclusions;

/** PTSD outcome on CAPS-5 or PCL-5, reported beside the depression response. */
public record PtsdResponse(String status, String reason) implements PlanItem {
    @Override
    public String text() {
        return status + ": " + reason;
    }
}
