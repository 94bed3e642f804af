package org.ketaplan.plan;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.ketaplan.facts.AntidepressantTrial;
import org.ketaplan.facts.Assessment;
import org.ketaplan.facts.BaselineScore;
import org.ketaplan.facts.ClinicianStep;
import org.ketaplan.facts.Course;
import org.ketaplan.facts.CourseSession;
import org.ketaplan.facts.CurrentVitals;
import org.ketaplan.facts.Diagnoses;
import org.ketaplan.facts.DoseRequest;
import org.ketaplan.facts.Instrument;
import org.ketaplan.facts.LatestScore;
import org.ketaplan.facts.MeasuredChange;
import org.ketaplan.facts.MedicalHistory;
import org.ketaplan.facts.Medication;
import org.ketaplan.facts.MedicationList;
import org.ketaplan.facts.Patient;
import org.ketaplan.facts.PlanDate;
import org.ketaplan.facts.Preference;
import org.ketaplan.facts.SessionVitals;
import org.ketaplan.facts.Setting;
import org.ketaplan.facts.SubstanceUse;
import org.ketaplan.facts.SuicideScreen;
import org.ketaplan.facts.TreatmentHistory;
import org.ketaplan.facts.VitalSigns;
import org.ketaplan.ruleset.Terminology;

/**
 * The one place where the request becomes facts. It only restructures and derives arithmetic (age of a
 * reading, BMI, diazepam equivalents, which score is current or baseline); every clinical judgement on
 * those facts is made in {@code rules/}. Sections that were not sent become facts with null fields, so
 * that rules see "unknown" rather than nothing.
 */
final class FactMapper {

    private FactMapper() {
    }

    static List<Object> facts(RequestReader.Parsed parsed, LocalDate asOf, Terminology terminology) {
        return facts(parsed, asOf, terminology, SiteConfig.Site.UNKNOWN);
    }

    /** {@code site}: what the site can give where the request's {@code setting} does not say. */
    static List<Object> facts(RequestReader.Parsed parsed, LocalDate asOf, Terminology terminology,
                              SiteConfig.Site site) {
        PlanRequest r = parsed.request();
        List<Object> facts = new ArrayList<>();

        var p = r.patient();
        facts.add(p == null ? new Patient(null, null, null, null, null, null, null, null, null)
                : new Patient(p.ageYears(), p.sex(), p.childbearingPotential(), p.pregnancyStatus(), p.breastfeeding(),
                p.weightKg(), p.heightCm(), bmi(p.weightKg(), p.heightCm()),
                p.pregnancyTestDate() == null ? null : ChronoUnit.DAYS.between(p.pregnancyTestDate(), asOf)));

        var d = r.diagnoses();
        facts.add(d == null ? new Diagnoses(null, null, null, null, null, null, null)
                : new Diagnoses(d.majorDepressiveDisorder(), d.ptsd(), d.bipolarDisorder(),
                d.currentManicHypomanicOrMixedEpisode(), d.priorManicOrHypomanicEpisode(), d.psychoticFeatures(),
                d.primaryPsychoticDisorder()));

        var t = r.treatmentHistory();
        facts.add(t == null ? new TreatmentHistory(null, null, null, null)
                : new TreatmentHistory(t.adequateAntidepressantTrials(), t.traumaFocusedPsychotherapyCompleted(),
                t.adequatePtsdMedicationTrials(), t.depressionPsychotherapyCompleted()));
        if (t != null && t.antidepressantTrials() != null) {
            for (int i = 0; i < t.antidepressantTrials().size(); i++) {
                var trial = t.antidepressantTrials().get(i);
                Terminology.Entry entry = terminology.lookup(trial.drug());
                LocalDate end = trial.endDate() != null ? trial.endDate() : asOf;
                facts.add(new AntidepressantTrial(i, trial.drug().strip().toLowerCase(Locale.ROOT), trial.dailyDoseMg(),
                        entry == null ? null : entry.adequateDailyMg(), ChronoUnit.DAYS.between(trial.startDate(), end)));
            }
        }

        var m = r.medicalHistory();
        facts.add(m == null ? new MedicalHistory(null, null, null, null, null, null, null, null, null, null, null, null,
                null, null)
                : new MedicalHistory(m.aneurysmalVascularDisease(), m.arteriovenousMalformation(),
                m.intracerebralHemorrhage(), m.elevatedIntracranialPressure(), m.recentStrokeOrBrainInjury(),
                m.unstableCardiacDisease(), m.stableCoronaryDisease(), m.hypertension(),
                m.hypertensiveEncephalopathy(), m.hepaticImpairment(), m.preeclampsia(),
                m.uncontrolledHyperthyroidism(), m.interstitialCystitis(), m.ketamineHypersensitivity()));

        var s = r.substanceUse();
        facts.add(s == null ? new SubstanceUse(null, null, null, null, null)
                : new SubstanceUse(s.activeDisorderSeverity(),
                s.substances() == null ? null
                        : s.substances().stream().map(x -> x.strip().toLowerCase(Locale.ROOT)).toList(),
                s.pastDisorder(), s.remissionMonths(), s.priorKetamineMisuse()));

        var setting = r.setting();
        facts.add(new Setting(
                setting != null && setting.ivKetamineCapable() != null ? setting.ivKetamineCapable()
                        : site.ivKetamineCapable(),
                setting != null && setting.esketamineRemsCertified() != null ? setting.esketamineRemsCertified()
                        : site.esketamineRemsCertified()));
        facts.add(new Preference(r.preferredModality()));

        addMedications(r.medications(), terminology, facts);
        Course course = course(r.course(), asOf, facts);
        facts.add(course);
        facts.add(new PlanDate(asOf));
        facts.add(new DoseRequest(r.requestedIvDoseMgPerKg()));
        addScores(r.assessments(), asOf, course, facts);
        addVitals(r.vitals(), asOf, facts);

        addSteps(r.clinicianSteps(), asOf, facts);

        var screen = r.suicideScreen();
        if (screen != null) {
            Boolean ever = !parsed.suicidalBehaviorAnswered() ? null : screen.suicidalBehaviorMonthsAgo() != null;
            facts.add(new SuicideScreen(screen.date(), ChronoUnit.DAYS.between(screen.date(), asOf),
                    screen.wishToBeDead(), screen.nonSpecificActiveThoughts(), screen.methodWithoutIntent(),
                    screen.intentWithoutPlan(), screen.intentWithPlan(), ever, screen.suicidalBehaviorMonthsAgo(),
                    screen.imminentDanger()));
        }
        return facts;
    }

    private static Double bmi(Double weightKg, Double heightCm) {
        if (weightKg == null || heightCm == null) {
            return null;
        }
        double metres = heightCm / 100.0;
        return weightKg / (metres * metres);
    }

    private static void addMedications(List<PlanRequest.MedicationInput> meds, Terminology terminology,
                                       List<Object> facts) {
        facts.add(new MedicationList(meds != null, meds == null ? 0 : meds.size()));
        if (meds == null) {
            return;
        }
        for (int i = 0; i < meds.size(); i++) {
            var med = meds.get(i);
            Terminology.Entry entry = terminology.lookup(med.name());
            Set<String> classes = entry == null ? Set.of() : entry.classes();
            Double diazepamEq = entry != null && entry.diazepamMgPerMg() != null && med.dailyDoseMg() != null
                    ? med.dailyDoseMg() * entry.diazepamMgPerMg() : null;
            facts.add(new Medication(i, med.name().strip(), med.dailyDoseMg(), entry != null, classes, diazepamEq));
        }
    }

    private static void addSteps(List<PlanRequest.ClinicianStepInput> steps, LocalDate asOf, List<Object> facts) {
        if (steps == null) {
            return;
        }
        for (int i = 0; i < steps.size(); i++) {
            var s = steps.get(i);
            facts.add(new ClinicianStep(i, s.type(), s.date(), ChronoUnit.DAYS.between(s.date(), asOf), s.outcome(),
                    s.reviewer(), s.ruleId(), s.modality()));
        }
    }

    private static Course course(PlanRequest.CourseInput c, LocalDate asOf, List<Object> facts) {
        if (c == null || c.sessions() == null || c.sessions().isEmpty()) {
            return new Course(c == null ? null : c.modality(), 0, null, null, null, null,
                    c == null ? null : c.plannedFirstSession());
        }
        // Two sessions on one day are numbered by their record, never by the request's order (ENV-04); the rules
        // read every session of the last day, so which of them is numbered last decides nothing.
        List<PlanRequest.SessionInput> sessions = c.sessions().stream()
                .sorted(Comparator.comparing(PlanRequest.SessionInput::date)
                        .thenComparing(s -> String.valueOf(s), Comparator.naturalOrder())).toList();
        List<LocalDate> dates = sessions.stream().map(PlanRequest.SessionInput::date).toList();
        for (int i = 0; i < sessions.size(); i++) {
            var s = sessions.get(i);
            facts.add(new CourseSession(i + 1, s.date(), ChronoUnit.DAYS.between(s.date(), asOf),
                    i == 0 ? null : ChronoUnit.DAYS.between(dates.get(i - 1), s.date()),
                    s.modality() != null ? s.modality() : c.modality(), s.doseMg(), vitals(s.vitalsBefore()),
                    vitals(s.vitalsAt40Min()), vitals(s.vitalsDischarge()), s.lowestSpo2(), s.cadss(), s.moaas(),
                    s.adverseEvents() == null ? Set.of() : Set.copyOf(s.adverseEvents()), s.observedMinutes(),
                    s.readyToLeaveMinutes()));
        }
        LocalDate last = dates.get(dates.size() - 1);
        return new Course(c.modality(), dates.size(), dates.get(0), last, ChronoUnit.DAYS.between(dates.get(0), asOf),
                ChronoUnit.DAYS.between(last, asOf), null);
    }

    private static SessionVitals vitals(PlanRequest.SessionVitalsInput v) {
        return v == null ? null : new SessionVitals(v.systolic(), v.diastolic(), v.heartRate(), v.spo2());
    }

    private static void addScores(List<PlanRequest.AssessmentInput> assessments, LocalDate asOf, Course course,
                                  List<Object> facts) {
        if (assessments == null) {
            return;
        }
        LocalDate first = course.firstSession();
        // Two scores of one instrument on the same day: the higher (worse) one counts, whatever the request's
        // order (ENV-04); every instrument read here scores worse upwards.
        List<PlanRequest.AssessmentInput> byDate = assessments.stream()
                .sorted(Comparator.comparing(PlanRequest.AssessmentInput::date)
                        .thenComparing(PlanRequest.AssessmentInput::score, Comparator.nullsFirst(Comparator.naturalOrder())))
                .toList();
        Map<Instrument, PlanRequest.AssessmentInput> latest = new EnumMap<>(Instrument.class);
        Map<Instrument, PlanRequest.AssessmentInput> baseline = new EnumMap<>(Instrument.class);
        for (var a : byDate) {
            latest.put(a.instrument(), a);
            // A baseline day with two scores counts the lower: the change measured from it is the smaller one.
            var b = baseline.get(a.instrument());
            if (first != null && !a.date().isAfter(first) && (b == null || a.date().isAfter(b.date()))) {
                baseline.put(a.instrument(), a);
            }
        }
        for (var a : byDate) {
            var b = baseline.get(a.instrument());
            boolean after = first != null && a.date().isAfter(first);
            facts.add(new Assessment(a.instrument(), a.score(), a.date(), ChronoUnit.DAYS.between(a.date(), asOf),
                    after, after && b != null ? percentReduction(b.score(), a.score()) : null));
        }
        latest.forEach((instrument, a) -> facts.add(
                new LatestScore(instrument, a.score(), a.date(), ChronoUnit.DAYS.between(a.date(), asOf))));
        baseline.forEach((instrument, b) -> {
            long beforeFirst = ChronoUnit.DAYS.between(b.date(), first);
            facts.add(new BaselineScore(instrument, b.score(), b.date(), beforeFirst));
            var c = latest.get(instrument);
            if (c != null && c.date().isAfter(first)) {
                facts.add(new MeasuredChange(instrument, b.score(), c.score(), percentReduction(b.score(), c.score()),
                        b.score() - c.score(), beforeFirst));
            }
        });
    }

    private static Double percentReduction(int baseline, int current) {
        return baseline == 0 ? null : (baseline - current) * 100.0 / baseline;
    }

    private static void addVitals(List<PlanRequest.VitalsInput> vitals, LocalDate asOf, List<Object> facts) {
        if (vitals == null) {
            return;
        }
        List<PlanRequest.VitalsInput> byDate = vitals.stream()
                .sorted(Comparator.comparing(PlanRequest.VitalsInput::date)).toList();
        LocalDate latestWithBp = null;
        for (var v : byDate) {
            facts.add(new VitalSigns(v.date(), ChronoUnit.DAYS.between(v.date(), asOf), v.systolic(), v.diastolic(),
                    v.heartRate(), v.spo2()));
            if (v.systolic() != null) {
                latestWithBp = v.date();
            }
        }
        if (latestWithBp != null) {
            // Several readings on the latest day: the worst of each measure counts, never the one listed last (ENV-04).
            LocalDate day = latestWithBp;
            List<PlanRequest.VitalsInput> sameDay = byDate.stream().filter(v -> v.date().equals(day)).toList();
            facts.add(new CurrentVitals(day, ChronoUnit.DAYS.between(day, asOf),
                    worst(sameDay, PlanRequest.VitalsInput::systolic, true),
                    worst(sameDay, PlanRequest.VitalsInput::diastolic, true),
                    worst(sameDay, PlanRequest.VitalsInput::heartRate, true),
                    worst(sameDay, PlanRequest.VitalsInput::spo2, false)));
        }
    }

    private static Integer worst(List<PlanRequest.VitalsInput> readings,
                                 java.util.function.Function<PlanRequest.VitalsInput, Integer> measure, boolean higher) {
        return readings.stream().map(measure).filter(java.util.Objects::nonNull)
                .reduce((a, b) -> higher ? Math.max(a, b) : Math.min(a, b)).orElse(null);
    }
}
