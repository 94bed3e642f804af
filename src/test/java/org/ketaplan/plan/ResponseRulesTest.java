package org.ketaplan.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.ketaplan.plan.Plans.plan;
import static org.ketaplan.plan.Plans.ruleIds;
import static org.ketaplan.plan.RuleTests.AS_OF;
import static org.ketaplan.plan.RuleTests.course;
import static org.ketaplan.plan.RuleTests.flags;
import static org.ketaplan.plan.RuleTests.score;
import static org.ketaplan.plan.RuleTests.trd;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ketaplan.conclusions.FlagCode;
import org.ketaplan.conclusions.MaintenanceType;
import org.ketaplan.conclusions.ResponseStatus;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.TestRules;

/**
 * The rules of {@code rules/ketamine/response.drl} on the real rule set: each rule, and each number below, at and
 * above its threshold.
 */
class ResponseRulesTest {

    @ParameterizedTest(name = "MADRS 32 -> {0} after 6 infusions: {1}")
    @CsvSource({"16, RESPONDER", "17, PARTIAL_RESPONDER", "24, PARTIAL_RESPONDER", "25, NON_RESPONDER",
            "11, RESPONDER", "10, REMITTER", "0, REMITTER"})
    void responseBandsOnMadrs(int current, ResponseStatus expected) {
        TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "MADRS", 32, current));
        assertThat(p.findings().responseStatus()).isEqualTo(expected);
    }

    @Test
    void remissionCutOffIsAParameter(@TempDir Path dir) {
        RuleBase rb = TestRules.withParameter(dir, "MADRS_REMISSION", "12");
        TreatmentPlan p = Plans.plan(rb, course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 12).bytes());
        assertThat(p.findings().responseStatus()).isEqualTo(ResponseStatus.REMITTER);
    }

    @ParameterizedTest(name = "PHQ-9 19 -> {0} (no MADRS): {1}")
    @CsvSource({"4, REMITTER", "5, RESPONDER", "9, RESPONDER", "10, PARTIAL_RESPONDER"})
    void phq9GovernsWithoutMadrs(int current, ResponseStatus expected) {
        TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "PHQ9", 19, current));
        assertThat(p.findings().responseStatus()).isEqualTo(expected);
        assertThat(ruleIds(p)).contains("RESP-08b");
    }

    @Test
    void qidsGovernsWhenAlone() {
        TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "QIDS_SR16", 20, 10));
        assertThat(p.findings().responseStatus()).isEqualTo(ResponseStatus.RESPONDER);
        assertThat(ruleIds(p)).contains("RESP-08c", "RESP-01");
    }

    @Test
    void partialResponseBeforeTheEndOfInductionIsNotNonResponse() {
        TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 5, "MADRS", 32, 25));
        assertThat(p.findings().responseStatus()).isEqualTo(ResponseStatus.IN_PROGRESS);
    }

    @ParameterizedTest(name = "MADRS 32 -> {0}, PHQ-9 19 -> {1}: discordant {2}")
    @CsvSource({"14, 15, true", "14, 9, false", "20, 9, true", "20, 15, false"})
    void madrsAndPhq9DisagreeingIsFlaggedAndMadrsGoverns(int madrs, int phq9, boolean discordant) {
        TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "MADRS", 32, madrs, "PHQ9", 19, phq9));
        assertThat(flags(p).contains(FlagCode.DISCORDANT_MEASURES)).isEqualTo(discordant);
        assertThat(p.findings().responseStatus()).isEqualTo(madrs <= 16 ? ResponseStatus.RESPONDER
                : ResponseStatus.PARTIAL_RESPONDER);
    }

    @ParameterizedTest(name = "CAPS-5 50 -> {0}: PTSD responder {1}")
    @CsvSource({"36, false", "35, true", "20, true"})
    void caps5ThirtyPercentIsPtsdResponse(int caps5, boolean responder) {
        TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 12, "CAPS5", 50, caps5));
        assertThat(p.findings().ptsdResponse().contains("PTSD_RESPONDER")).isEqualTo(responder);
    }

    @ParameterizedTest(name = "PCL-5 50 -> {0}: {1}")
    @CsvSource({"46, ", "45, PCL5_RELIABLE_CHANGE", "41, PCL5_RELIABLE_CHANGE", "40, PCL5_CLINICALLY_MEANINGFUL",
            "32, PCL5_CLINICALLY_MEANINGFUL"})
    void pcl5ChangeBands(int pcl5, String expected) {
        TreatmentPlan p = plan(course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 12, "PCL5", 50, pcl5));
        List<String> bands = p.findings().ptsdResponse().stream().filter(s -> s.startsWith("PCL5_")).toList();
        assertThat(bands).isEqualTo(expected == null ? List.of() : List.of(expected));
        assertThat(p.findings().ptsdResponse().contains("BELOW_PCL5_CUTOFF")).isEqualTo(pcl5 < 33);
    }

    @ParameterizedTest(name = "relapse scores {0} days apart: relapse {1}")
    @CsvSource({"6, false", "7, true", "8, true"})
    void relapseNeedsTwoConsecutiveScoresAWeekApart(int daysApart, boolean relapse) {
        Requests r = course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 22);
        String first = AS_OF.minusDays(daysApart).toString();
        r.setJson("assessments", "[" + String.join(",", score("PHQ9_ITEM9", 0, "2026-11-20"),
                score("MADRS", 32, "2026-10-20"), score("MADRS", 12, "2026-11-12"), score("MADRS", 20, first),
                score("MADRS", 22, AS_OF.toString())) + "]");
        TreatmentPlan p = plan(r);
        assertThat(p.findings().responseStatus() == ResponseStatus.RELAPSE).isEqualTo(relapse);
        assertThat(p.maintenance().type() == MaintenanceType.RESCUE_BOOSTER_OR_MINI_SERIES).isEqualTo(relapse);
    }

    @Test
    void noRelapseWithoutAnEarlierResponse() {
        Requests r = course(trd(), "IV_KETAMINE", 6, "MADRS", 32, 22);
        r.setJson("assessments[3]", score("MADRS", 20, "2026-11-10"));
        TreatmentPlan p = plan(r);
        assertThat(p.findings().responseStatus()).isNotEqualTo(ResponseStatus.RELAPSE);
    }
}
