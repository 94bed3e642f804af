package org.ketaplan.envelope;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.MaintenanceType;
import org.ketaplan.conclusions.SessionDecision;
import org.ketaplan.conclusions.TriageLevel;
import org.ketaplan.plan.TreatmentPlan;

/**
 * What a plan decides, without its words: the parts ENV-04 compares and ENV-05 and ENV-06 order by permissiveness
 * (clinical-spec 19.1: EMERGENCY_REFERRAL > URGENT > ROUTINE; INELIGIBLE > NEEDS_CLEARANCE = INSUFFICIENT_DATA >
 * ELIGIBLE; HOLD > GO; STOP / NOT_APPLICABLE > DEFERRED > any maintenance that gives ketamine; more clearances >
 * fewer).
 */
record Decisions(
        TriageLevel triage,
        EligibilityLevel eligibility,
        String indication,
        String seriesType,
        String proposedType,
        List<LocalDate> schedule,
        MaintenanceType maintenance,
        LocalDate reviewBy,
        LocalDate nextDate,
        SessionDecision next,
        Set<String> flags,
        Set<String> clearances,
        Set<String> missing,
        Set<String> rules) {

    static final Set<MaintenanceType> GIVES_KETAMINE = Set.of(MaintenanceType.INDIVIDUALIZED_TAPER,
            MaintenanceType.ESKETAMINE_LABEL_MAINTENANCE, MaintenanceType.RESCUE_BOOSTER_OR_MINI_SERIES);

    static Decisions of(TreatmentPlan p) {
        return new Decisions(p.triage(), p.eligibility(), String.valueOf(p.indication()), String.valueOf(p.series().type()),
                String.valueOf(p.series().proposedType()), p.series().schedule(), p.maintenance().type(),
                p.maintenance().reviewBy(), p.nextSession().date(), p.nextSession().decision(),
                p.flags().stream().map(Enum::name).collect(Collectors.toCollection(TreeSet::new)),
                p.clearances().stream().map(c -> c.reviewer() + " " + c.ruleId()).collect(Collectors.toCollection(TreeSet::new)),
                p.missingData().stream().map(m -> m.fact() + " " + m.neededBy()).collect(Collectors.toCollection(TreeSet::new)),
                p.rationale().stream().map(TreatmentPlan.RationaleItem::ruleId).collect(Collectors.toCollection(TreeSet::new)));
    }

    private static int urgency(TriageLevel t) {
        return t.ordinal();
    }

    /** INELIGIBLE 3; NOT_INDICATED 2 (no ketamine, for another reason); NEEDS_CLEARANCE = INSUFFICIENT_DATA 1; ELIGIBLE 0. */
    static int restriction(EligibilityLevel e) {
        return switch (e) {
            case INELIGIBLE -> 3;
            case NOT_INDICATED -> 2;
            case INSUFFICIENT_DATA, NEEDS_CLEARANCE -> 1;
            case ELIGIBLE -> 0;
        };
    }

    /**
     * The ways {@code this} plan is more permissive than {@code before} (empty when it is not), in words. ENV-05
     * (a fact made unknown): less urgent triage; ELIGIBLE where it was not; GO where it was not; dates where there were
     * none; ketamine maintenance where there was none. A known contraindication made unknown turns INELIGIBLE into
     * INSUFFICIENT_DATA: still no ketamine, which is what "more permissive" guards.
     */
    List<String> morePermissiveThan(Decisions before) {
        List<String> why = morePermissiveUnlessUnknown(before);
        if (urgency(triage) < urgency(before.triage)) {
            why.add("triage " + before.triage + " -> " + triage);
        }
        return why;
    }

    /**
     * As {@link #morePermissiveThan}, but for a fact made unknown, where a less urgent triage is allowed: a positive
     * screen taken out can no longer raise the triage it raised, and no triage stands for "not screened". The plan
     * then waits for the screen: it is never ELIGIBLE, dated or GO without it (checked here), and ENV-06 proves that a
     * positive answer is never ignored.
     */
    List<String> morePermissiveUnlessUnknown(Decisions before) {
        List<String> why = new java.util.ArrayList<>();
        if (before.eligibility != EligibilityLevel.ELIGIBLE && eligibility == EligibilityLevel.ELIGIBLE) {
            why.add("eligibility " + before.eligibility + " -> ELIGIBLE");
        }
        if (before.next != SessionDecision.GO && next == SessionDecision.GO) {
            why.add("next session " + before.next + " -> GO");
        }
        if (before.schedule.isEmpty() && !schedule.isEmpty()) {
            why.add("nothing dated -> " + schedule);
        }
        if (!GIVES_KETAMINE.contains(before.maintenance) && GIVES_KETAMINE.contains(maintenance)) {
            why.add("maintenance " + before.maintenance + " -> " + maintenance);
        }
        return why;
    }

    /**
     * ENV-06 (a newer, worse value added) orders eligibility fully, and counts clearances where eligibility is
     * unchanged: a worse value may turn a clearance into a contraindication, never into nothing.
     */
    List<String> morePermissiveAfterWorseValue(Decisions before) {
        List<String> why = morePermissiveThan(before);
        if (restriction(eligibility) < restriction(before.eligibility)) {
            why.add("eligibility " + before.eligibility + " -> " + eligibility);
        }
        // Once INELIGIBLE or NOT_INDICATED, clearances no longer stand between the patient and ketamine.
        if (eligibility == before.eligibility && restriction(eligibility) < 2 && !clearances.containsAll(before.clearances)) {
            why.add("clearances " + before.clearances + " -> " + clearances);
        }
        return why;
    }
}
