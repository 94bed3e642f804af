package org.ketaplan.audit;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The audit record's policy (docs/audit.md). */
@ConfigMapping(prefix = "ketaplan.audit")
public interface AuditConfig {

    /** Keep each plan's request and plan (the rule-change impact replays them); off keeps the summary only. */
    @WithDefault("true")
    boolean keepContent();

    /** Days a record is kept; older ones are deleted. */
    @WithDefault("365")
    int retentionDays();

    /** Records waiting to be written; beyond this a record is dropped and counted, never waited for. */
    @WithDefault("2000")
    int queueCapacity();

    /** Request bytes waiting to be written, at most (a queue of the largest requests stays bounded). */
    @WithDefault("64M")
    io.quarkus.runtime.configuration.MemorySize queueBytes();
}
