package org.ketaplan.ehr.fhir;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.Coding;
import org.hl7.fhir.r4.model.Condition;
import org.hl7.fhir.r4.model.Dosage;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.Period;
import org.hl7.fhir.r4.model.Quantity;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.Timing;
import org.ketaplan.ruleset.FhirTerminology;
import org.ketaplan.ruleset.Terminology;

/**
 * Medication records read as a clinician would: what drug a record names (its coding in
 * {@code fhir-medication-codes.csv} first, its words second) and, for antidepressants taken in this episode, the
 * trials with their daily dose and dates. Whether a trial was adequate is the rules' call (DX-02), not this class's.
 */
final class FhirMedications {

    /** The generic name a record names and, when known, the mg in one unit (tablet, capsule) of it. */
    record Named(String name, Double strengthMg) {
    }

    /** An antidepressant taken from {@code start} to {@code end} (null: still taken), from {@code source}. */
    record Trial(String drug, Double dailyDoseMg, LocalDate start, LocalDate end, Resource source) {
    }

    /** Most a request takes (treatmentHistory.antidepressantTrials): the newest are kept. */
    static final int MAX_TRIALS = 50;
    private static final Pattern STRENGTH = Pattern.compile("(\\d{1,5}(?:\\.\\d{1,3})?)\\s*MG\\b", Pattern.CASE_INSENSITIVE);
    private static final double MAX_DAILY_MG = 100_000;

    private FhirMedications() {
    }

    /**
     * What an order or statement names: its medicationCodeableConcept, or the code of the Medication its
     * medicationReference points to (in the same Bundle, or contained); null when neither is there.
     */
    static CodeableConcept concept(org.hl7.fhir.r4.model.Type medication, org.hl7.fhir.r4.model.DomainResource owner,
                                   FhirFacts facts) {
        if (medication instanceof CodeableConcept cc) {
            return cc;
        }
        if (!(medication instanceof org.hl7.fhir.r4.model.Reference ref) || !ref.hasReference()) {
            return null;
        }
        String target = ref.getReference();
        if (target.startsWith("#")) {
            return owner.getContained().stream().filter(r -> r instanceof org.hl7.fhir.r4.model.Medication
                            && target.substring(1).equals(r.getIdElement().getIdPart()))
                    .map(r -> ((org.hl7.fhir.r4.model.Medication) r).getCode()).findFirst().orElse(null);
        }
        org.hl7.fhir.r4.model.Medication m = facts.medicationResources.get(target);
        if (m == null) {
            m = facts.medicationResources.get("Medication/" + new org.hl7.fhir.r4.model.IdType(target).getIdPart());
        }
        return m == null || !m.hasCode() ? null : m.getCode();
    }

    static Named named(CodeableConcept cc, Terminology terminology, FhirTerminology codes) {
        if (cc == null) {
            return null;
        }
        for (Coding c : cc.getCoding()) {
            FhirTerminology.MedicationCode m = codes.medication(c.getSystem(), c.getCode());
            if (m != null) {
                return new Named(m.name(), m.strengthMg());
            }
        }
        String text = cc.hasText() ? cc.getText()
                : cc.getCoding().stream().map(Coding::getDisplay).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (text == null || text.isBlank()) {
            return null;
        }
        String[] words = text.toLowerCase(Locale.ROOT).split("[^a-z']+");
        String name = Arrays.stream(words).filter(w -> terminology.lookup(w) != null).findFirst()
                .orElse(Arrays.stream(words).filter(w -> !w.isBlank()).findFirst().orElse(text));
        // One strength only: "A 10 MG / B 20 MG" is a combination whose per-drug dose this cannot tell.
        Matcher m = STRENGTH.matcher(text);
        Double strength = null;
        int found = 0;
        while (m.find() && found < 2) {
            strength = Double.valueOf(m.group(1));
            found++;
        }
        return new Named(name, found == 1 && strength > 0 ? strength : null);
    }

    /**
     * Antidepressants started in this episode: on or after the onset of the latest current depression in the
     * record. A record gives no episode without an onset, and then no trials. An order still active runs to
     * {@code asOf}; a stopped or completed one needs its end date, else it shows no duration and is left out.
     */
    static List<Trial> trials(FhirFacts facts, LocalDate asOf, Terminology terminology, FhirTerminology codes,
                              java.util.function.Predicate<Condition> depression) {
        LocalDate episode = facts.conditions.stream().filter(depression).map(FhirMedications::onset)
                .filter(java.util.Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
        if (episode == null) {
            return List.of();
        }
        List<Trial> trials = new ArrayList<>();
        for (MedicationRequest m : facts.medicationRequests) {
            String status = m.getStatus() == null ? "" : m.getStatus().toCode();
            boolean ongoing = status.equals("active") || status.equals("on-hold");
            if (!ongoing && !status.equals("completed") && !status.equals("stopped")) {
                continue;
            }
            Dosage dosage = m.getDosageInstruction().isEmpty() ? null : m.getDosageInstruction().get(0);
            LocalDate end = dosage != null && dosage.getTiming().getRepeat().hasBoundsPeriod()
                    ? date(dosage.getTiming().getRepeat().getBoundsPeriod().getEnd())
                    : m.getDispenseRequest().hasValidityPeriod() ? date(m.getDispenseRequest().getValidityPeriod().getEnd()) : null;
            LocalDate authored = date(m.getAuthoredOn());
            // Orders stay "active" for decades when no one closes them: an active order without an end, older
            // than a year, shows that the drug was ordered, not for how long it was taken.
            boolean stale = ongoing && end == null && authored != null && authored.isBefore(asOf.minusYears(1));
            add(trials, concept(m.getMedication(), m, facts), authored, ongoing ? null : end,
                    (ongoing && !stale) || end != null, dosage, m, episode, asOf, terminology, codes);
        }
        for (MedicationStatement m : facts.medicationStatements) {
            String status = m.getStatus() == null ? "" : m.getStatus().toCode();
            if (!m.hasEffectivePeriod() || !(status.equals("active") || status.equals("completed") || status.equals("stopped"))) {
                continue;
            }
            Period p = m.getEffectivePeriod();
            LocalDate end = date(p.getEnd());
            add(trials, concept(m.getMedication(), m, facts), date(p.getStart()),
                    end, status.equals("active") || end != null, m.getDosage().isEmpty() ? null : m.getDosage().get(0), m,
                    episode, asOf, terminology, codes);
        }
        trials.sort(Comparator.comparing(Trial::start).reversed());
        return trials.size() > MAX_TRIALS ? List.copyOf(trials.subList(0, MAX_TRIALS)) : trials;
    }

    private static void add(List<Trial> trials, CodeableConcept med, LocalDate start, LocalDate end, boolean knownEnd,
                            Dosage dosage, Resource source, LocalDate episode, LocalDate asOf, Terminology terminology,
                            FhirTerminology codes) {
        Named named = named(med, terminology, codes);
        Terminology.Entry entry = named == null ? null : terminology.lookup(named.name());
        if (entry == null || !entry.classes().contains("ANTIDEPRESSANT") || start == null || !knownEnd
                || start.isBefore(episode) || start.isAfter(asOf) || (end != null && end.isBefore(start))) {
            return;
        }
        trials.add(new Trial(entry.name(), dailyMg(dosage, named.strengthMg()), start,
                end == null || end.isAfter(asOf) ? null : end, source));
    }

    /** mg a day from the first dose and its timing: a dose in mg, or in units of a known strength. */
    static Double dailyMg(Dosage dosage, Double strengthMg) {
        if (dosage == null || dosage.getDoseAndRate().isEmpty() || !dosage.getDoseAndRateFirstRep().hasDoseQuantity()) {
            return null;
        }
        Quantity dose = dosage.getDoseAndRateFirstRep().getDoseQuantity();
        if (!dose.hasValue()) {
            return null;
        }
        String unit = (dose.hasCode() ? dose.getCode() : dose.hasUnit() ? dose.getUnit() : "").toLowerCase(Locale.ROOT);
        Double perDose = unit.equals("mg") ? toDouble(dose.getValue())
                : strengthMg != null && (unit.isEmpty() || unit.matches("\\{?(tab|tbl|tablet|cap|capsule)s?\\}?|1"))
                ? toDouble(dose.getValue()) * strengthMg : null;
        Double perDay = perDay(dosage.getTiming());
        if (perDose == null || perDay == null) {
            return null;
        }
        double daily = perDose * perDay;
        return daily > 0 && daily <= MAX_DAILY_MG ? Math.round(daily * 100) / 100.0 : null;
    }

    private static Double perDay(Timing timing) {
        Timing.TimingRepeatComponent r = timing.getRepeat();
        if (!r.hasPeriod() || !r.hasPeriodUnit()) {
            return null;
        }
        double days = switch (r.getPeriodUnit()) {
            case H -> 1.0 / 24;
            case D -> 1;
            case WK -> 7;
            case MO -> 30;
            default -> Double.NaN;
        };
        double period = toDouble(r.getPeriod()) * days;
        int frequency = r.hasFrequency() ? r.getFrequency() : 1;
        return Double.isFinite(period) && period > 0 && frequency > 0 && frequency <= 100 ? frequency / period : null;
    }

    private static double toDouble(BigDecimal v) {
        // A value of absurd magnitude is not a dose; the daily range check turns it into unknown.
        return v.abs().compareTo(BigDecimal.valueOf(1_000_000)) > 0 ? Double.NaN : v.doubleValue();
    }

    private static LocalDate onset(Condition c) {
        if (c.hasOnsetDateTimeType()) {
            return date(c.getOnsetDateTimeType().getValue());
        }
        if (c.hasOnsetPeriod() && c.getOnsetPeriod().hasStart()) {
            return date(c.getOnsetPeriod().getStart());
        }
        return c.hasRecordedDate() ? date(c.getRecordedDate()) : null;
    }

    private static LocalDate date(Date d) {
        return d == null ? null : d.toInstant().atZone(ZoneOffset.UTC).toLocalDate();
    }
}
