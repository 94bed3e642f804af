# Build: the same Maven Wrapper build as the README, tests run by CI rather than here.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /build
COPY mvnw pom.xml ./
COPY .mvn .mvn
# No dependency pre-fetch step: the Maven plugin for it resolves an optional HAPI artifact (validation-resources-dstu2.1)
# that the registry does not serve, and fails; the package step below fetches what the build really uses.
COPY src src
COPY rules rules
# The snapshot and class-data archive are made in the run stage below, by the JVM that uses them.
RUN ./mvnw -B -q package -DskipTests -Dketaplan.snapshot.skip
# The run stage copies these root-owned with their modes, so they must be readable by user 185 and writable by root
# alone whatever the checkout's modes were. Done here, not there: a chmod in the run stage would rewrite every file
# into a layer of its own, a second copy of the libraries. (Not COPY --chmod: the classic builder lacks it.)
RUN chmod -R a+rX,go-w target/quarkus-app rules

# Run: Quarkus fast-jar layout on a JRE 17, as a non-root user.
FROM registry.access.redhat.com/ubi9/openjdk-17-runtime:1.21
ENV LANGUAGE='en_US:en'
# The application stays root's: a service that could rewrite its own jars or rules would turn any file-write flaw
# into code that runs at the next start, past the scenario gate.
COPY --from=build /build/target/quarkus-app/lib/ /deployments/lib/
COPY --from=build /build/target/quarkus-app/*.jar /deployments/
COPY --from=build /build/target/quarkus-app/app/ /deployments/app/
COPY --from=build /build/target/quarkus-app/quarkus/ /deployments/quarkus/
# Rules stay outside the jar so a clinical lead's reviewed edit can be mounted over them.
COPY --from=build /build/rules/ /deployments/rules/
WORKDIR /deployments
USER root
# The base image gives /deployments to its user: whoever may write a directory may replace the files in it, here
# quarkus-run.jar and the snapshot. The embedded audit database (H2) lives in /deployments/data unless PostgreSQL is
# configured (mount a volume to keep it): the one place user 185 may write.
RUN chown root:root /deployments && chmod 0755 /deployments \
    && mkdir -p /deployments/data && chown 185 /deployments/data
# The rule snapshot and the class-data archive that make start-up fast (docs/deploy.md, "Start-up"), made here by
# this image's own JVM: an archive made by another JVM build, such as the build stage's, would be ignored. The run
# compiles and gates /deployments/rules, writes the snapshot, reads it back and gates it again, then exits. Both stay
# root's and read-only: the service (user 185) reads them and can change neither.
RUN java -XX:ArchiveClassesAtExit=/deployments/app-cds.jsa -Dketaplan.rules.dir=/deployments/rules \
        -jar /deployments/quarkus-run.jar snapshot /deployments/rules-snapshot.bin \
    && chmod 0444 /deployments/app-cds.jsa /deployments/rules-snapshot.bin \
    && rm -rf /tmp/ketaplan-snapshot* /tmp/vertx-cache
VOLUME /deployments/data
EXPOSE 8080 9000
USER 185
# Heap at most a quarter of the memory limit (256 MiB of 1 GiB: the live heap under load is ~80 MiB, ten reloads in a
# row need the rest); the other ~300 MiB the service resides in are classes (this archive and the ones Drools makes
# for each rule set), compiled code and threads (docs/performance.md, "Memory"). The parallel collector for throughput
# on two cores; exit on OOM so the orchestrator restarts the container instead of a half-working JVM serving on;
# classes from the archive made above (a JVM that cannot map it starts without it).
# The management port listens on every interface here only: outside a container the service keeps it on loopback
# (application.properties), while in one loopback cannot be reached by the probes or the port publishing at all;
# what reaches 9000 is decided by the host's publishing (-p 127.0.0.1:9000:9000) or the cluster's NetworkPolicy.
ENV JAVA_OPTS_APPEND="-Dquarkus.http.host=0.0.0.0 -Dquarkus.management.host=0.0.0.0 -Dketaplan.rules.dir=/deployments/rules -XX:SharedArchiveFile=/deployments/app-cds.jsa -XX:MaxRAMPercentage=25 -XX:InitialRAMPercentage=10 -XX:+UseParallelGC -XX:+ExitOnOutOfMemoryError"
ENV JAVA_APP_JAR="/deployments/quarkus-run.jar"
ENTRYPOINT [ "/opt/jboss/container/java/run/run-java.sh" ]
