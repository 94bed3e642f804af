package org.ketaplan.web;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.ketaplan.ruleset.RuleBaseHolder;
import org.ketaplan.ruleset.RuleSetReloaded;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.quarkus.runtime.StartupEvent;

/**
 * Ready only with a rule set that passed its scenario gate: a replica must not take plans before. And every
 * replica names the rule set it serves ({@code ketaplan_ruleset_info{version}} 1), so that an operator sees a
 * cluster split between versions while a rule change rolls out (docs/deploy.md).
 */
@Readiness
@ApplicationScoped
public class RuleSetReadiness implements HealthCheck {

    private final RuleBaseHolder holder;
    private final MultiGauge info;

    public RuleSetReadiness(RuleBaseHolder holder, MeterRegistry registry) {
        this.holder = holder;
        this.info = MultiGauge.builder("ketaplan.ruleset.info")
                .description("The rule set this replica serves (value 1, version as a tag)").register(registry);
    }

    @Override
    public HealthCheckResponse call() {
        try {
            return HealthCheckResponse.named("rules").up().withData("version", holder.current().version()).build();
        } catch (IllegalStateException notYet) {
            return HealthCheckResponse.named("rules").down().build();
        }
    }

    /** After the rule set's own start-up observer (default priority) has loaded it. */
    void started(@Observes @jakarta.annotation.Priority(5000) StartupEvent start) {
        publish();
    }

    void reloaded(@Observes RuleSetReloaded reload) {
        publish();
    }

    private void publish() {
        try {
            info.register(List.of(MultiGauge.Row.of(Tags.of("version", holder.current().version()), 1)), true);
        } catch (IllegalStateException notYet) {
            info.register(List.of(), true);
        }
    }
}
