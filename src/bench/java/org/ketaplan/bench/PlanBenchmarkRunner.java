package org.ketaplan.bench;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs PlanBenchmark from the bench profile. In-process (no fork): surefire's class path is not one a forked
 * JVM can rebuild, so the figures carry the test JVM's flags; results go to target/jmh-result.json.
 */
class PlanBenchmarkRunner {

    @Test
    void run() throws Exception {
        new Runner(new OptionsBuilder()
                .include(PlanBenchmark.class.getName() + System.getProperty("jmh.include", ""))
                .param("rules", System.getProperty("jmh.rules", "real,10x").split(","))
                .forks(0)
                .threads(Integer.getInteger("jmh.threads", 1))
                .warmupIterations(Integer.getInteger("jmh.warmups", 3)).warmupTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                .measurementIterations(Integer.getInteger("jmh.iterations", 5)).measurementTime(org.openjdk.jmh.runner.options.TimeValue.seconds(2))
                .resultFormat(org.openjdk.jmh.results.format.ResultFormatType.JSON)
                .result("target/jmh-result.json")
                .build()).run();
    }
}
