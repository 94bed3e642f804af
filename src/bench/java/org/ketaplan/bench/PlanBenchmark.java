package org.ketaplan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.ketaplan.plan.PlanService;
import org.ketaplan.plan.Plans;
import org.ketaplan.plan.RequestReader;
import org.ketaplan.plan.Requests;
import org.ketaplan.ruleset.RuleBase;
import org.ketaplan.ruleset.RuleBaseLoader;
import org.ketaplan.ruleset.TestRules;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Engine cost per plan (facts, rules, assembly; the request already read) for three patients, on the real
 * rule base and on one ten times larger (extra rules that never match), plus the full path from bytes.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlanBenchmark {

    @Param({"real", "10x"})
    public String rules;

    RuleBase ruleBase;
    RequestReader.Parsed simple;
    RequestReader.Parsed complex;
    RequestReader.Parsed emergency;
    byte[] simpleBytes;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        java.util.logging.Logger.getLogger("org.drools").setLevel(java.util.logging.Level.WARNING);
        ruleBase = "real".equals(rules) ? TestRules.ruleBase() : tenfold();
        simpleBytes = Requests.complete().bytes();
        simple = Plans.reader().read(simpleBytes);
        emergency = Plans.reader().read(Requests.complete().set("suicideScreen.intentWithPlan", true).bytes());
        complex = Plans.reader().read(complexPatient());
    }

    /** PTSD with TRD, mid-course after five infusions, 20 dated assessments. */
    static byte[] complexPatient() {
        Requests r = Requests.complete();
        StringBuilder sessions = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            sessions.append(i > 0 ? "," : "").append("{\"date\":\"2026-11-").append(String.format("%02d", 2 + 3 * i)).append("\"}");
        }
        r.setJson("course", "{\"modality\":\"IV_KETAMINE\",\"sessions\":[" + sessions + "]}");
        String[] instruments = {"PHQ9", "MADRS", "PCL5", "PHQ9_ITEM9"};
        int[] start = {19, 32, 50, 0};
        StringBuilder a = new StringBuilder();
        for (int i = 0; i < 20; i++) {
            int k = i % 4;
            int week = i / 4;
            int score = Math.max(0, start[k] - week * (k == 3 ? 0 : 3));
            a.append(i > 0 ? "," : "").append("{\"instrument\":\"").append(instruments[k]).append("\",\"score\":")
                    .append(score).append(",\"date\":\"2026-").append(week == 0 ? "10-30" : "11-" + String.format("%02d", 1 + 4 * week))
                    .append("\"}");
        }
        return r.setJson("assessments", "[" + a + "]").bytes();
    }

    /** The real rules plus nine times as many rules that never match (joins and alpha tests included). */
    static RuleBase tenfold() throws IOException {
        Path dir = Files.createTempDirectory("ketaplan-bench-rules");
        TestRules.copyAll(dir);
        int extra = TestRules.ruleBase().rules().size() * 9;
        StringBuilder drl = new StringBuilder("""
                package ketamine;
                import org.ketaplan.facts.Patient;
                import org.ketaplan.facts.CurrentScore;
                import org.ketaplan.facts.Instrument;
                import org.ketaplan.conclusions.Monitoring;
                """);
        for (int i = 0; i < extra; i++) {
            String id = "B" + (char) ('A' + i / 2600) + "-" + String.format("%02d", (i / 26) % 100) + (char) ('a' + i % 26);
            drl.append("rule \"Benchmark rule ").append(i).append("\"\n    @id(\"").append(id)
                    .append("\") @strength(\"PRACTICE\") @source(\"benchmark\") @reviewed(\"2026-11-21\")\n    when\n")
                    .append("        Patient( ageYears == ").append(1000 + i).append(" )\n");
            if (i % 2 == 0) {
                drl.append("        CurrentScore( instrument == Instrument.PHQ9, score > ").append(100 + i).append(" )\n");
            }
            drl.append("    then\n        insertLogical( new Monitoring( \"never\" ) );\nend\n");
        }
        Files.writeString(dir.resolve("ketamine/benchmark-extra.drl"), drl.toString());
        return new RuleBaseLoader(dir, "rules").load();
    }

    @Benchmark
    public Object simpleEligible() {
        return PlanService.plan(ruleBase, simple, "bench");
    }

    @Benchmark
    public Object complexMidCourse() {
        return PlanService.plan(ruleBase, complex, "bench");
    }

    @Benchmark
    public Object emergency() {
        return PlanService.plan(ruleBase, emergency, "bench");
    }

    @Benchmark
    public Object simpleFromBytes() {
        return PlanService.plan(ruleBase, Plans.reader().read(simpleBytes), "bench");
    }
}
