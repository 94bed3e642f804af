package org.ketaplan.ruleset;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * Rules served from a Kubernetes ConfigMap volume (deploy/kubernetes): loaded through the symlinks, each file once,
 * and reloaded through the gate when the kubelet swaps the volume's content.
 */
@QuarkusTest
@TestProfile(ConfigMapReloadTest.Volume.class)
@org.junit.jupiter.api.TestMethodOrder(org.junit.jupiter.api.MethodOrderer.OrderAnnotation.class)
class ConfigMapReloadTest {

    public static class Volume implements QuarkusTestProfile {
        static final Path MOUNT;

        static {
            String existing = System.getProperty("ketaplan.test.configmap");
            try {
                MOUNT = existing != null ? Path.of(existing) : Files.createTempDirectory("ketaplan-configmap-").resolve("rules");
                if (existing == null) {
                    Path source = Files.createTempDirectory("ketaplan-configmap-source-");
                    TestRules.copyAll(source);
                    ConfigMapVolume.write(MOUNT, source);
                    System.setProperty("ketaplan.test.configmap", MOUNT.toString());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("ketaplan.rules.dir", MOUNT.toString(), "ketaplan.rules.watch", "true",
                    "ketaplan.rules.watch-debounce-ms", "100");
        }
    }

    @Inject
    RuleBaseHolder holder;

    /** First, while the volume still holds the shipped rules. */
    @Test
    @org.junit.jupiter.api.Order(1)
    void aConfigMapVolumeLoadsLikeTheDirectoryItHolds() throws IOException {
        Path plain = Files.createTempDirectory("ketaplan-plain-");
        TestRules.copyAll(plain);
        RuleBase fromDirectory = new RuleBaseLoader(plain, "rules").load();
        assertThat(holder.current().version()).isEqualTo(fromDirectory.version());
        assertThat(holder.current().rules()).hasSameSizeAs(fromDirectory.rules());
        fromDirectory.dispose();
    }

    @Test
    @org.junit.jupiter.api.Order(2)
    void aConfigMapUpdateIsSeenAndGated() throws Exception {
        String before = holder.current().version();
        Path edited = Files.createTempDirectory("ketaplan-configmap-edit-");
        TestRules.copyAll(edited);
        Path csv = edited.resolve("parameters.csv");
        List<String> lines = Files.readAllLines(csv).stream()
                .map(l -> l.replaceFirst("^ADEQUATE_TRIAL_WEEKS,6,", "ADEQUATE_TRIAL_WEEKS,8,")).toList();
        Files.write(csv, lines);
        ConfigMapVolume.write(Volume.MOUNT, edited);
        long deadline = System.currentTimeMillis() + 30_000;
        while (holder.current().version().equals(before) && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(holder.current().version()).as("the swap was not seen").isNotEqualTo(before);
        assertThat(holder.current().parameters()).anySatisfy(p -> {
            assertThat(p.name()).isEqualTo("ADEQUATE_TRIAL_WEEKS");
            assertThat(p.value()).isEqualTo(8.0);
        });
    }
}
