package org.ketaplan.plan;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;
import org.ketaplan.conclusions.Adjunct;
import org.ketaplan.conclusions.AlternativeOption;
import org.ketaplan.conclusions.Clearance;
import org.ketaplan.conclusions.ClearanceResolved;
import org.ketaplan.conclusions.ComorbidDepression;
import org.ketaplan.conclusions.DepressionSeverity;
import org.ketaplan.conclusions.Eligibility;
import org.ketaplan.conclusions.EligibilityLevel;
import org.ketaplan.conclusions.EsketamineDose;
import org.ketaplan.conclusions.Flag;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.IdealWeightDose;
import org.ketaplan.conclusions.Indication;
import org.ketaplan.conclusions.IndicationFinding;
import org.ketaplan.conclusions.InductionStart;
import org.ketaplan.conclusions.IvDose;
import org.ketaplan.conclusions.MaintenancePlan;
import org.ketaplan.conclusions.MaintenanceType;
import org.ketaplan.conclusions.MissingData;
import org.ketaplan.conclusions.Monitoring;
import org.ketaplan.conclusions.NeededBy;
import org.ketaplan.conclusions.NextSessionDate;
import org.ketaplan.conclusions.Note;
import org.ketaplan.conclusions.PlanDecisions;
import org.ketaplan.conclusions.PlanItem;
import org.ketaplan.conclusions.ProbablePtsd;
import org.ketaplan.conclusions.Psychotherapy;
import org.ketaplan.conclusions.PtsdResponse;
import org.ketaplan.conclusions.RefractoryPtsd;
import org.ketaplan.conclusions.RemsFormField;
import org.ketaplan.conclusions.ResponseFinding;
import org.ketaplan.conclusions.ResponseStatus;
import org.ketaplan.conclusions.RiskLevel;
import org.ketaplan.conclusions.ScheduleWithheld;
import org.ketaplan.conclusions.SeriesProposal;
import org.ketaplan.conclusions.SeriesType;
import org.ketaplan.conclusions.SessionCheck;
import org.ketaplan.conclusions.SessionDecision;
import org.ketaplan.conclusions.SessionHold;
import org.ketaplan.conclusions.SessionSpacing;
import org.ketaplan.conclusions.SeverityLevel;
import org.ketaplan.conclusions.SuicideRisk;
import org.ketaplan.conclusions.TreatmentResistantDepression;
import org.ketaplan.conclusions.Triage;
import org.ketaplan.conclusions.TriageLevel;
import org.ketaplan.engine.EngineResult;
import org.ketaplan.engine.PlanEngine;
import org.ketaplan.facts.Course;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.RuleBaseHolder;
import org.ketaplan.ruleset.RuleInfo;
import org.ketaplan.ruleset.Terminology;

/**
 * Request in, plan out: maps the request to facts, runs the rules, and assembles the plan. The assembly
 * applies only the contract's own policy (most restrictive eligibility and most urgent triage win; any
 * missing fact rules out ELIGIBLE; any clearance rules out better than NEEDS_CLEARANCE; the most restrictive
 * maintenance wins). Every clinical decision comes from the rules, among them the safety envelope's, which see the
 * assembled plan (rules/ketamine/envelope.drl) and decide when nothing may be dated.
 */
@ApplicationScoped
public class PlanService {

    public static final String DISCLAIMER = "Decision support for a licensed clinician; not a prescription. "
            + "Re-check label and REMS facts against the current product information before clinical use.";
    private static final Logger LOG = Logger.getLogger(PlanService.class);
    /** The contract's order of maintenance outcomes (clinical-spec 19.1, "more permissive"): stop before deferral before any dosing. */
    static final List<MaintenanceType> MAINTENANCE_MOST_RESTRICTIVE_FIRST = List.of(MaintenanceType.STOP,
            MaintenanceType.NOT_APPLICABLE, MaintenanceType.DEFERRED, MaintenanceType.REVIEW,
            MaintenanceType.EXTEND_OR_SWITCH_REVIEW, MaintenanceType.DECIDE_AT_END_OF_INDUCTION,
            MaintenanceType.RESCUE_BOOSTER_OR_MINI_SERIES, MaintenanceType.INDIVIDUALIZED_TAPER,
            MaintenanceType.ESKETAMINE_LABEL_MAINTENANCE);

    private final RuleBaseHolder rules;
    private final SiteConfig site;

    public PlanService(RuleBaseHolder rules, SiteConfig site) {
        this.rules = rules;
        this.site = site;
    }

    public TreatmentPlan plan(RequestReader.Parsed parsed) {
        long start = System.nanoTime();
        RuleBase ruleBase = rules.current();
        TreatmentPlan plan = plan(ruleBase, parsed, UUID.randomUUID().toString(), site.site());
        // Audit line: ids, rule ids and timing only; never patient facts.
        LOG.infof("plan %s ruleset %s rules [%s] %d us", plan.planId(), ruleBase.version(),
                String.join(",", plan.rationale().stream().map(TreatmentPlan.RationaleItem::ruleId).toList()),
                (System.nanoTime() - start) / 1000);
        return plan;
    }

    /** The whole pipeline on a given rule set; no container needed, so rule tests run in plain JUnit. */
    public static TreatmentPlan plan(RuleBase ruleBase, RequestReader.Parsed parsed, String planId) {
        return plan(ruleBase, parsed, planId, SiteConfig.Site.UNKNOWN);
    }

    /** {@code site}: what the site can give where the request does not say ({@link SiteConfig}). */
    public static TreatmentPlan plan(RuleBase ruleBase, RequestReader.Parsed parsed, String planId,
                                     SiteConfig.Site site) {
        LocalDate asOf = parsed.request().asOf() != null ? parsed.request().asOf() : LocalDate.now(ZoneOffset.UTC);
        List<Object> facts = FactMapper.facts(parsed, asOf, ruleBase.terminology(), site);
        Course course = facts.stream().filter(Course.class::isInstance).map(Course.class::cast).findFirst().orElseThrow();
        // The envelope's rules judge the plan as assembled from every other rule: the assembly runs once for them,
        // and once more on what they made stricter.
        EngineResult result = PlanEngine.run(ruleBase, facts, r -> decisions(assemble(planId, asOf, course, r)));
        return assemble(planId, asOf, course, result);
    }

    private static PlanDecisions decisions(TreatmentPlan p) {
        return new PlanDecisions(p.triage(), p.eligibility(), p.series().type(), p.series().schedule().size(),
                p.nextSession().date(), p.nextSession().decision(), p.maintenance().type());
    }

    static TreatmentPlan assemble(String planId, LocalDate asOf, Course course, EngineResult result) {
        RuleBase rb = result.ruleBase();

        List<TreatmentPlan.Reason> triageReasons = new ArrayList<>();
        TriageLevel triage = TriageLevel.ROUTINE;
        for (var p : byRuleId(result.itemsOf(Triage.class))) {
            Triage t = (Triage) p.item();
            triage = max(triage, t.level());
            triageReasons.add(new TreatmentPlan.Reason(t.reason(), id(p.rule())));
        }
        triageReasons.sort(Comparator.comparing(r -> r.ruleId() == null ? "" : r.ruleId()));

        List<TreatmentPlan.ClearanceItem> clearances = new ArrayList<>();
        List<TreatmentPlan.ResolvedClearance> resolvedClearances = new ArrayList<>();
        List<ClearanceResolved> resolutions = result.itemsOf(ClearanceResolved.class).stream()
                .map(p -> (ClearanceResolved) p.item()).toList();
        Map<TreatmentPlan.ClearanceItem, LocalDate> findingDates = new java.util.HashMap<>();
        for (var c : distinct(result, Clearance.class, (c, r) -> {
            var item = new TreatmentPlan.ClearanceItem(c.reviewer(), c.reason(), r);
            if (c.findingDate() != null) {
                findingDates.put(item, c.findingDate());
            }
            return item;
        }, c -> c.reviewer() + c.reason())) {
            LocalDate finding = findingDates.get(c);
            ClearanceResolved by = resolutions.stream()
                    .filter(r -> answers(r, c, rb) && (finding == null || !r.date().isBefore(finding)))
                    .min(Comparator.comparing(ClearanceResolved::date)).orElse(null);
            if (by == null) {
                clearances.add(c);
            } else {
                var done = new TreatmentPlan.ResolvedClearance(c.reviewer(), c.ruleId(), by.date());
                if (!resolvedClearances.contains(done)) {
                    resolvedClearances.add(done);
                }
            }
        }
        List<TreatmentPlan.MissingItem> allMissing = distinct(result, MissingData.class,
                (m, r) -> new TreatmentPlan.MissingItem(m.fact(), m.reason(), r, m.neededBy()), MissingData::fact);
        List<TreatmentPlan.MissingItem> missing = allMissing.stream()
                .filter(m -> m.neededBy() == NeededBy.BLOCKS_PLAN).toList();

        List<TreatmentPlan.EligibilityReason> eligibilityReasons = new ArrayList<>();
        EligibilityLevel eligibility = EligibilityLevel.ELIGIBLE;
        for (var p : byRuleId(result.itemsOf(Eligibility.class))) {
            Eligibility e = (Eligibility) p.item();
            eligibility = max(eligibility, e.level());
            eligibilityReasons.add(new TreatmentPlan.EligibilityReason(e.level(), e.reason(), id(p.rule())));
        }
        for (var c : clearances) {
            eligibility = max(eligibility, EligibilityLevel.NEEDS_CLEARANCE);
            eligibilityReasons.add(new TreatmentPlan.EligibilityReason(EligibilityLevel.NEEDS_CLEARANCE,
                    "Clearance by " + c.reviewer() + ": " + c.reason(), c.ruleId()));
        }
        for (var m : missing) {
            eligibility = max(eligibility, EligibilityLevel.INSUFFICIENT_DATA);
            eligibilityReasons.add(new TreatmentPlan.EligibilityReason(EligibilityLevel.INSUFFICIENT_DATA,
                    "Missing " + m.fact() + ": " + m.reason(), m.ruleId()));
        }
        eligibilityReasons.sort(Comparator.comparing(TreatmentPlan.EligibilityReason::level).reversed());

        List<TreatmentPlan.FlagItem> flagDetails = new ArrayList<>();
        Map<FlagCode, String> labels = rb.terminology().flagLabels();
        flagDetails.add(new TreatmentPlan.FlagItem(FlagCode.CLINICIAN_REVIEW_REQUIRED,
                labels.get(FlagCode.CLINICIAN_REVIEW_REQUIRED),
                "Every plan is a suggestion for a licensed clinician to review.", null));
        flagDetails.addAll(distinct(result, Flag.class, (f, r) -> new TreatmentPlan.FlagItem(f.code(), labels.get(f.code()), f.detail(), r),
                f -> f.code() + f.detail()));
        Set<FlagCode> flagSet = new LinkedHashSet<>();
        flagDetails.forEach(f -> flagSet.add(f.flag()));

        TreatmentPlan.Series series = series(result, asOf, course, triage, eligibility);
        List<TreatmentPlan.Alternative> alternatives = distinct(result, AlternativeOption.class,
                (a, r) -> new TreatmentPlan.Alternative(a.modality().name(), a.series(), a.note(), r),
                a -> a.modality().name());
        List<TreatmentPlan.PsychotherapyItem> psychotherapy = distinct(result, Psychotherapy.class,
                (p, r) -> new TreatmentPlan.PsychotherapyItem(p.type(), p.options(), p.detail(), r),
                p -> p.type().name());
        List<TreatmentPlan.AdjunctItem> adjuncts = distinct(result, Adjunct.class,
                (a, r) -> new TreatmentPlan.AdjunctItem(a.type(), a.detail(), r), a -> a.type().name());
        List<TreatmentPlan.MonitoringItem> monitoring = distinct(result, Monitoring.class,
                (m, r) -> new TreatmentPlan.MonitoringItem(m.text(), r), Monitoring::text);
        List<TreatmentPlan.Reason> notes = distinct(result, Note.class,
                (n, r) -> new TreatmentPlan.Reason(n.text(), r), Note::text);

        // Of several maintenance conclusions the most restrictive wins, as eligibility's does (clinical-spec 19.1).
        TreatmentPlan.Maintenance maintenance = byRuleId(result.itemsOf(MaintenancePlan.class)).stream()
                .min(Comparator.comparing(p -> restriction(((MaintenancePlan) p.item()).type())))
                .map(p -> {
                    MaintenancePlan m = (MaintenancePlan) p.item();
                    return new TreatmentPlan.Maintenance(m.type(), m.detail(), m.reviewBy(), id(p.rule()));
                })
                .orElse(new TreatmentPlan.Maintenance(MaintenanceType.NOT_APPLICABLE, null, null, null));

        List<TreatmentPlan.RationaleItem> rationale = result.fired().stream()
                .filter(f -> f.rule() != null)
                .sorted(Comparator.comparing(f -> f.rule().id()))
                .map(f -> new TreatmentPlan.RationaleItem(f.rule().id(), f.rule().name(), f.rule().strength(),
                        f.statement(), f.rule().sources(), f.rule().category()))
                .toList();

        TreatmentPlan.NextSession nextSession = nextSession(result, asOf, triage, eligibility, allMissing);
        List<TreatmentPlan.RemsForm> remsForms = remsForms(result);

        return new TreatmentPlan(planId, asOf, new TreatmentPlan.Ruleset(rb.version(), rb.loadedAt()),
                triage, triageReasons, eligibility, eligibilityReasons, indication(result),
                findings(result, course), series, alternatives, maintenance, psychotherapy, adjuncts, monitoring,
                clearances, allMissing, List.copyOf(flagSet), flagDetails, notes, nextSession,
                openSteps(allMissing, rb), List.copyOf(resolvedClearances), remsForms, rationale, DISCLAIMER);
    }

    private static List<TreatmentPlan.OpenStep> openSteps(List<TreatmentPlan.MissingItem> missing, RuleBase rb) {
        record Group(Terminology.CollectionStep step, List<TreatmentPlan.MissingItem> items) {
        }
        Map<String, Group> byStep = new LinkedHashMap<>();
        for (var m : missing) {
            Terminology.CollectionStep step = rb.terminology().stepFor(m.fact());
            byStep.computeIfAbsent(step.step(), k -> new Group(step, new ArrayList<>())).items().add(m);
        }
        return byStep.values().stream()
                .map(g -> new TreatmentPlan.OpenStep(g.step().step(),
                        g.items().stream().map(TreatmentPlan.MissingItem::neededBy).min(Comparator.naturalOrder())
                                .orElseThrow(),
                        g.items().stream().map(TreatmentPlan.MissingItem::fact).toList()))
                .sorted(Comparator.comparing(TreatmentPlan.OpenStep::neededBy)
                        .thenComparing(o -> byStep.get(o.step()).step().order()))
                .toList();
    }

    /** A recorded clearance answers a clearance the plan asks for: same reviewer, and the rule or its spec ID. */
    private static boolean answers(ClearanceResolved r, TreatmentPlan.ClearanceItem c, RuleBase rb) {
        if (r.reviewer() != c.reviewer()) {
            return false;
        }
        if (r.ruleId() == null) {
            return true;
        }
        RuleInfo rule = c.ruleId() == null ? null : rb.rules().stream()
                .filter(i -> c.ruleId().equals(i.id())).findFirst().orElse(null);
        return r.ruleId().equals(c.ruleId()) || (rule != null && r.ruleId().equals(rule.specId()));
    }

    /**
     * The next session: NONE without a date from the rules; HOLD while any reason holds it (a rule's, among them the
     * envelope's for a plan that is not ROUTINE and ELIGIBLE, or a fact it needs still unknown); else NOT_DUE before
     * its date and GO on it.
     */
    private static TreatmentPlan.NextSession nextSession(EngineResult result, LocalDate asOf, TriageLevel triage,
                                                         EligibilityLevel eligibility,
                                                         List<TreatmentPlan.MissingItem> missing) {
        var next = result.itemsOf(NextSessionDate.class).stream()
                .max(Comparator.comparing(p -> ((NextSessionDate) p.item()).date())).orElse(null);
        List<TreatmentPlan.Check> checks = new ArrayList<>();
        for (var p : byRuleId(result.itemsOf(SessionCheck.class))) {
            var check = new TreatmentPlan.Check(((SessionCheck) p.item()).check(), id(p.rule()));
            if (!checks.contains(check)) {
                checks.add(check);
            }
        }
        if (next == null) {
            return new TreatmentPlan.NextSession(null, SessionDecision.NONE, List.of(), List.of());
        }
        List<TreatmentPlan.Reason> reasons = new ArrayList<>();
        for (var p : byRuleId(result.itemsOf(SessionHold.class))) {
            var reason = new TreatmentPlan.Reason(((SessionHold) p.item()).reason(), id(p.rule()));
            if (!reasons.contains(reason)) {
                reasons.add(reason);
            }
        }
        for (var m : missing) {
            if (m.neededBy() != NeededBy.BLOCKS_PLAN) {
                reasons.add(new TreatmentPlan.Reason("Not recorded: " + m.fact() + " (" + m.reason() + ")", m.ruleId()));
                checks.add(new TreatmentPlan.Check("Record " + m.fact() + ": " + m.reason(), m.ruleId()));
            }
        }
        LocalDate date = ((NextSessionDate) next.item()).date();
        SessionDecision decision = !reasons.isEmpty() ? SessionDecision.HOLD
                : date.isAfter(asOf) ? SessionDecision.NOT_DUE : SessionDecision.GO;
        return new TreatmentPlan.NextSession(date, decision, List.copyOf(reasons), List.copyOf(checks));
    }

    private static List<TreatmentPlan.RemsForm> remsForms(EngineResult result) {
        Map<LocalDate, List<RemsFormField>> bySession = new java.util.TreeMap<>();
        for (var p : byRuleId(result.itemsOf(RemsFormField.class))) {
            RemsFormField f = (RemsFormField) p.item();
            bySession.computeIfAbsent(f.sessionDate(), k -> new ArrayList<>()).add(f);
        }
        List<TreatmentPlan.RemsForm> forms = new ArrayList<>();
        bySession.forEach((date, fields) -> forms.add(new TreatmentPlan.RemsForm(date, fields.get(0).dueBy(),
                fields.stream().map(RemsFormField::field).distinct().sorted().toList())));
        return List.copyOf(forms);
    }

    private static Indication indication(EngineResult result) {
        // The rules make indications exclusive; should two ever stand, the first in contract order is shown.
        return result.itemsOf(IndicationFinding.class).stream()
                .map(p -> ((IndicationFinding) p.item()).indication())
                .min(Comparator.naturalOrder())
                .orElse(Indication.NONE);
    }

    private static TreatmentPlan.Findings findings(EngineResult result, Course course) {
        Boolean trd = first(result, TreatmentResistantDepression.class, TreatmentResistantDepression::value);
        Boolean refractoryPtsd = result.itemsOf(RefractoryPtsd.class).isEmpty() ? null : Boolean.TRUE;
        Boolean probablePtsd = result.itemsOf(ProbablePtsd.class).isEmpty() ? null : Boolean.TRUE;
        Boolean comorbid = first(result, ComorbidDepression.class, ComorbidDepression::value);
        RiskLevel risk = RiskLevel.UNKNOWN;
        for (var p : result.itemsOf(SuicideRisk.class)) {
            risk = max(risk, ((SuicideRisk) p.item()).level());
        }
        SeverityLevel severity = first(result, DepressionSeverity.class, DepressionSeverity::level);
        // An interrupted induction stands above any response judged on it (clinical-spec SES-05).
        boolean interrupted = result.itemsOf(ResponseFinding.class).stream()
                .anyMatch(p -> ((ResponseFinding) p.item()).status() == ResponseStatus.INTERRUPTED);
        ResponseStatus response = interrupted ? ResponseStatus.INTERRUPTED
                : first(result, ResponseFinding.class, ResponseFinding::status);
        if (response == null) {
            response = course.sessionsGiven() == 0 ? ResponseStatus.NOT_STARTED : ResponseStatus.IN_PROGRESS;
        }
        List<String> ptsdResponse = result.itemsOf(PtsdResponse.class).stream()
                .map(p -> ((PtsdResponse) p.item()).status()).distinct().toList();
        return new TreatmentPlan.Findings(trd, refractoryPtsd, probablePtsd, comorbid,
                severity == null ? SeverityLevel.UNKNOWN : severity, risk, response, ptsdResponse);
    }

    private static TreatmentPlan.Series series(EngineResult result, LocalDate asOf, Course course, TriageLevel triage,
                                               EligibilityLevel eligibility) {
        var proposal = result.itemsOf(SeriesProposal.class).stream()
                .min(Comparator.comparing(p -> ((SeriesProposal) p.item()).type()))
                .orElse(null);
        if (proposal == null) {
            return new TreatmentPlan.Series(SeriesType.NONE, null, null, null, null, course.sessionsGiven(), null,
                    List.of(), "No ketamine or esketamine series is indicated by the rules.", null);
        }
        SeriesProposal s = (SeriesProposal) proposal.item();
        String ruleId = id(proposal.rule());
        TreatmentPlan.Dose dose = dose(result);
        if (eligibility == EligibilityLevel.INELIGIBLE || eligibility == EligibilityLevel.NOT_INDICATED) {
            return new TreatmentPlan.Series(SeriesType.NONE, s.type(), null, null, null, course.sessionsGiven(), null,
                    List.of(), "Not offered: eligibility is " + eligibility + ".", ruleId);
        }
        List<String> withheld = byRuleId(result.itemsOf(ScheduleWithheld.class)).stream()
                .map(p -> ((ScheduleWithheld) p.item()).reason()).distinct().toList();
        if (!withheld.isEmpty()) {
            return new TreatmentPlan.Series(SeriesType.DEFER, s.type(), s.sessions(), s.weeks(), s.perWeek(),
                    course.sessionsGiven(), dose, List.of(), "Deferred: " + String.join(" ", withheld), ruleId);
        }
        List<Integer> offsets = result.itemsOf(SessionSpacing.class).stream()
                .map(p -> (SessionSpacing) p.item())
                .filter(sp -> sp.type() == s.type())
                .map(SessionSpacing::dayOffsets)
                .findFirst().orElse(List.of());
        // A series restarted after a gap counts its sessions from the restart (SES-05, InductionStart).
        int given = result.itemsOf(InductionStart.class).stream().map(p -> ((InductionStart) p.item()).sessions())
                .min(Comparator.naturalOrder()).orElse(course.sessionsGiven());
        return new TreatmentPlan.Series(s.type(), null, s.sessions(), s.weeks(), s.perWeek(), course.sessionsGiven(),
                dose, schedule(offsets, asOf, given, course.plannedFirstSession()), s.note(), ruleId);
    }

    /**
     * Dates the sessions still to give: the rule's spacing from the next unsent session on, starting the day
     * after the plan date (which is always at least a day after the last session given).
     */
    static List<LocalDate> schedule(List<Integer> offsets, LocalDate asOf, int given, LocalDate plannedFirstSession) {
        if (given >= offsets.size()) {
            return List.of();
        }
        int base = offsets.get(given);
        LocalDate start = given == 0 && plannedFirstSession != null ? plannedFirstSession : asOf.plusDays(1);
        return offsets.subList(given, offsets.size()).stream().map(o -> start.plusDays(o - base)).toList();
    }

    private static TreatmentPlan.Dose dose(EngineResult result) {
        IvDose iv = first(result, IvDose.class, d -> d);
        IdealWeightDose ideal = first(result, IdealWeightDose.class, d -> d);
        EsketamineDose esketamine = first(result, EsketamineDose.class, d -> d);
        if (iv == null && esketamine == null) {
            return null;
        }
        return new TreatmentPlan.Dose(iv == null ? null : iv.mgPerKg(), iv == null ? null : iv.infusionMinutes(),
                iv == null ? null : iv.mgActualWeight(), ideal == null ? null : ideal.mgIdealWeight(),
                ideal == null ? null : ideal.idealBodyWeightKg(), esketamine == null ? null : esketamine.text());
    }

    private static <T extends PlanItem, R> R first(EngineResult result, Class<T> type, Function<T, R> f) {
        return result.itemsOf(type).stream().findFirst().map(p -> f.apply(type.cast(p.item()))).orElse(null);
    }

    /** A type missing from the order (a new one) ranks as the least restrictive, never above STOP. */
    private static int restriction(MaintenanceType type) {
        int rank = MAINTENANCE_MOST_RESTRICTIVE_FIRST.indexOf(type);
        return rank < 0 ? Integer.MAX_VALUE : rank;
    }

    private static <E extends Enum<E>> E max(E a, E b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static String id(RuleInfo rule) {
        return rule == null ? null : rule.id();
    }

    /** Items of one kind, in the order the rules produced them, one per key (the first rule's wins). */
    /**
     * Items in rule-ID order, not firing order: Drools fires in an order that follows how the rules were compiled,
     * so moving a rule to another file (or into a table) would reorder a clinician's lists. Items of one rule keep
     * their firing order.
     */
    private static List<EngineResult.Produced> byRuleId(List<EngineResult.Produced> produced) {
        return produced.stream().sorted(Comparator.comparing(p -> p.rule() == null ? "" : p.rule().id())).toList();
    }

    private static <T extends PlanItem, R> List<R> distinct(EngineResult result, Class<T> type,
                                                            BiFunction<T, String, R> map, Function<T, String> key) {
        Map<String, List<EngineResult.Produced>> byKey = new LinkedHashMap<>();
        for (var p : byRuleId(result.itemsOf(type))) {
            byKey.computeIfAbsent(key.apply(type.cast(p.item())), k -> new ArrayList<>()).add(p);
        }
        return byRuleId(byKey.values().stream().map(PlanService::kept).toList()).stream()
                .map(p -> map.apply(type.cast(p.item()), id(p.rule()))).toList();
    }

    /**
     * Of several rules giving the same item (a safety plan from SUI-01c and from PSY-05), the one the rules say
     * replaces the others ({@code @supersedes}), else the first by rule ID: never the first to fire, which would
     * change with the order the rules were compiled in.
     */
    private static EngineResult.Produced kept(List<EngineResult.Produced> candidates) {
        Set<String> superseded = new HashSet<>();
        candidates.forEach(p -> {
            if (p.rule() != null) {
                superseded.addAll(p.rule().supersedes());
            }
        });
        return candidates.stream().filter(p -> p.rule() == null || !superseded.contains(p.rule().id())).findFirst()
                .orElse(candidates.get(0));
    }
}
