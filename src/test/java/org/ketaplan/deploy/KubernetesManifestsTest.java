package org.ketaplan.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * deploy/kubernetes read strictly into the Kubernetes model (kubectl's dry run needs a cluster): every field must
 * be one the model knows, and the cluster recipe keeps its promises: several replicas that never all go at once,
 * probes on the management port with readiness after the gate, a non-root read-only container with limits, the
 * database from a Secret, the rules ConfigMap equal to rules/ and mounted where the watcher reloads it, the
 * management port closed to all but operations pods, and the example Ingress routing the public Service only.
 */
class KubernetesManifestsTest {

    static final Path DIR = Path.of("deploy", "kubernetes");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true);
    static final Map<String, List<JsonNode>> BY_KIND = new TreeMap<>();

    @BeforeAll
    static void read() throws IOException {
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                if (f.getFileName().toString().equals("kustomization.yaml")) {
                    continue;
                }
                try (YAMLParser parser = new YAMLFactory().createParser(f.toFile())) {
                    for (JsonNode doc : YAML.readValues(parser, JsonNode.class).readAll()) {
                        BY_KIND.computeIfAbsent(doc.path("kind").asText(), k -> new ArrayList<>()).add(doc);
                    }
                }
            }
        }
    }

    static <T> List<T> all(String kind, Class<T> type) {
        List<T> out = new ArrayList<>();
        for (JsonNode doc : BY_KIND.getOrDefault(kind, List.of())) {
            T value = YAML.convertValue(doc, type);
            List<String> unknown = new ArrayList<>();
            unknownFields(value, kind, unknown, new IdentityHashMap<>());
            assertThat(unknown).as("fields the Kubernetes model does not know, in a %s", kind).isEmpty();
            out.add(value);
        }
        return out;
    }

    /** The model keeps what it does not know in additionalProperties instead of failing: look for any. */
    static void unknownFields(Object o, String at, List<String> unknown, Map<Object, Boolean> seen) {
        if (o == null || seen.put(o, true) != null) {
            return;
        }
        if (o instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), at + "[" + i + "]", unknown, seen);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, at + "." + k, unknown, seen));
            return;
        }
        if (!o.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        try {
            for (PropertyDescriptor p : Introspector.getBeanInfo(o.getClass()).getPropertyDescriptors()) {
                if (p.getReadMethod() == null || p.getReadMethod().getParameterCount() > 0) {
                    continue;
                }
                Object v = p.getReadMethod().invoke(o);
                if (p.getName().equals("additionalProperties")) {
                    if (v instanceof Map<?, ?> extra && !extra.isEmpty()) {
                        unknown.add(at + ": " + extra.keySet());
                    }
                } else {
                    unknownFields(v, at + "." + p.getName(), unknown, seen);
                }
            }
        } catch (ReflectiveOperationException | java.beans.IntrospectionException e) {
            throw new IllegalStateException(e);
        }
    }

    static Deployment deployment() {
        return all("Deployment", Deployment.class).stream()
                .filter(d -> d.getSpec() != null && d.getSpec().getSelector() != null).findFirst().orElseThrow();
    }

    static Container container() {
        return deployment().getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @Test
    void everyManifestReadsStrictlyIntoTheModel() {
        // A kind added later must be checked somewhere: NetworkPolicy and Ingress are not in the model modules this
        // project depends on, and are checked field by field further down instead.
        assertThat(BY_KIND.keySet()).containsExactlyInAnyOrder("ConfigMap", "Deployment", "HorizontalPodAutoscaler",
                "Ingress", "NetworkPolicy", "PodDisruptionBudget", "Secret", "Service");
        all("Deployment", Deployment.class);
        all("Service", Service.class);
        all("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class);
        all("PodDisruptionBudget", PodDisruptionBudget.class);
        all("ConfigMap", ConfigMap.class);
        all("Secret", io.fabric8.kubernetes.api.model.Secret.class);
    }

    @Test
    void severalReplicasNeverAllGoAtOnce() {
        Deployment d = deployment();
        HorizontalPodAutoscaler hpa = all("HorizontalPodAutoscaler", HorizontalPodAutoscaler.class).get(0);
        PodDisruptionBudget pdb = all("PodDisruptionBudget", PodDisruptionBudget.class).get(0);
        assertThat(d.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable().getIntVal()).isZero();
        // A new pod must have confirmed its snapshot's rules (10 s, then a cold compile and gate) before an old one goes.
        assertThat(d.getSpec().getMinReadySeconds()).isGreaterThanOrEqualTo(45);
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(d.getMetadata().getName());
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThan(pdb.getSpec().getMinAvailable().getIntVal());
        Map<String, String> podLabels = d.getSpec().getTemplate().getMetadata().getLabels();
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(podLabels).containsAllEntriesOf(d.getSpec().getSelector().getMatchLabels());
        for (Service s : all("Service", Service.class)) {
            assertThat(podLabels).containsAllEntriesOf(s.getSpec().getSelector());
        }
    }

    @Test
    void probesAskTheManagementPortAndReadinessWaitsForTheGate() {
        Container c = container();
        assertThat(c.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/q/health/ready");
        assertThat(c.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/q/health/live");
        assertThat(c.getStartupProbe().getHttpGet().getPath()).isEqualTo("/q/health/started");
        for (var probe : List.of(c.getReadinessProbe(), c.getLivenessProbe(), c.getStartupProbe())) {
            assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
        }
        assertThat(c.getPorts()).anySatisfy(p -> {
            assertThat(p.getName()).isEqualTo("management");
            assertThat(p.getContainerPort()).isEqualTo(9000);
        });
        // Only the public port is offered to clinicians and EHRs.
        Service pub = all("Service", Service.class).stream().filter(s -> s.getMetadata().getName().equals("ketaplan"))
                .findFirst().orElseThrow();
        assertThat(pub.getSpec().getPorts()).allSatisfy(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));
    }

    @Test
    void theContainerIsNonRootReadOnlyAndBounded() {
        Deployment d = deployment();
        Container c = container();
        assertThat(d.getSpec().getTemplate().getSpec().getSecurityContext().getRunAsNonRoot()).isTrue();
        assertThat(c.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
        assertThat(c.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
        assertThat(c.getSecurityContext().getCapabilities().getDrop()).contains("ALL");
        assertThat(c.getResources().getRequests()).containsKeys("cpu", "memory");
        assertThat(c.getResources().getLimits()).containsKeys("cpu", "memory");
        // A read-only root still needs a writable /tmp.
        assertThat(c.getVolumeMounts()).anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/tmp"));
    }

    @Test
    void theDatabaseAndTheProviderComeFromSecrets() {
        Map<String, EnvVar> env = new TreeMap<>();
        container().getEnv().forEach(e -> env.put(e.getName(), e));
        for (String name : List.of("QUARKUS_DATASOURCE__PG__JDBC_URL", "QUARKUS_DATASOURCE__PG__USERNAME",
                "QUARKUS_DATASOURCE__PG__PASSWORD", "QUARKUS_OIDC_CREDENTIALS_SECRET")) {
            assertThat(env.get(name).getValueFrom().getSecretKeyRef().getName()).as(name).isNotBlank();
            assertThat(env.get(name).getValue()).as(name).isNull();
        }
        assertThat(env.get("KETAPLAN_RULES_WATCH").getValue()).isEqualTo("true");
        // No local users on a cluster.
        assertThat(env.keySet()).noneMatch(n -> n.startsWith("QUARKUS_SECURITY_USERS") || n.equals("KETAPLAN_SECURITY_LOCAL_USERS"));
    }

    /** The ConfigMap is rules/ as it is now (scripts/k8s-rules.py), mounted file by file at the rules directory. */
    @Test
    void theRulesConfigMapIsTheRulesDirectoryMountedWhereTheWatcherLooks() throws IOException {
        ConfigMap rules = all("ConfigMap", ConfigMap.class).stream()
                .filter(c -> c.getMetadata().getName().equals("ketaplan-rules")).findFirst().orElseThrow();
        Map<String, String> expected = new TreeMap<>();
        Path dir = Path.of("rules");
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.toString().endsWith(".md")).toList()) {
                String path = dir.relativize(f).toString().replace('\\', '/');
                expected.put(path.replace("/", "__"), Files.readString(f, StandardCharsets.UTF_8));
            }
        }
        assertThat(new TreeMap<>(rules.getData()))
                .as("deploy/kubernetes/rules.yaml is stale: run scripts/k8s-rules.py").isEqualTo(expected);

        List<KeyToPath> items = all("Deployment", Deployment.class).stream()
                .flatMap(d -> d.getSpec().getTemplate().getSpec().getVolumes().stream())
                .filter(v -> v.getName().equals("rules") && v.getConfigMap() != null && v.getConfigMap().getItems() != null)
                .flatMap(v -> v.getConfigMap().getItems().stream()).toList();
        Map<String, String> paths = new TreeMap<>();
        items.forEach(i -> paths.put(i.getKey(), i.getPath()));
        assertThat(paths.keySet()).isEqualTo(expected.keySet());
        paths.forEach((k, p) -> assertThat(p.replace("/", "__")).isEqualTo(k));

        Volume volume = deployment().getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getName().equals("rules")).findFirst().orElseThrow();
        assertThat(volume.getConfigMap().getName()).isEqualTo("ketaplan-rules");
        assertThat(container().getVolumeMounts()).anySatisfy(m -> {
            assertThat(m.getName()).isEqualTo("rules");
            assertThat(m.getMountPath()).isEqualTo("/deployments/rules");
            assertThat(m.getReadOnly()).isTrue();
        });
        Map<String, EnvVar> env = new TreeMap<>();
        container().getEnv().forEach(e -> env.put(e.getName(), e));
        assertThat(env.get("KETAPLAN_RULES_DIR").getValue()).isEqualTo("/deployments/rules");
    }

    /** Behind the ingress the service must see https and the public host, or the OIDC redirect goes to http. */
    @Test
    void theForwardedHeadersOfTheIngressAreTrusted() {
        Map<String, EnvVar> env = new TreeMap<>();
        container().getEnv().forEach(e -> env.put(e.getName(), e));
        assertThat(env.get("QUARKUS_HTTP_PROXY_PROXY_ADDRESS_FORWARDING").getValue()).isEqualTo("true");
        assertThat(env.get("QUARKUS_HTTP_PROXY_ENABLE_FORWARDED_HOST").getValue()).isEqualTo("true");
    }

    /**
     * The management port serves the rules page and the audit trail: only operations pods may connect (the kubelet's
     * probes come from the node, which NetworkPolicy never blocks). Read by hand, not by the model: each field must
     * still be one NetworkPolicy has, so that a misspelt one cannot silently open a port.
     */
    @Test
    void onlyOperationsPodsReachTheManagementPort() {
        List<JsonNode> policies = BY_KIND.get("NetworkPolicy");
        assertThat(policies).hasSize(1);
        JsonNode policy = policies.get(0);
        assertThat(policy.path("apiVersion").asText()).isEqualTo("networking.k8s.io/v1");
        JsonNode spec = policy.path("spec");
        assertThat(fields(spec)).isSubsetOf("podSelector", "policyTypes", "ingress", "egress");
        Map<String, String> podLabels = deployment().getSpec().getTemplate().getMetadata().getLabels();
        Map<String, String> selected = YAML.convertValue(spec.path("podSelector").path("matchLabels"),
                new TypeReference<Map<String, String>>() { });
        assertThat(selected).isNotEmpty();
        assertThat(podLabels).containsAllEntriesOf(selected);
        assertThat(texts(spec.path("policyTypes"))).contains("Ingress");

        Set<String> containerPorts = new TreeSet<>();
        container().getPorts().forEach(p -> {
            containerPorts.add(p.getName());
            containerPorts.add(String.valueOf(p.getContainerPort()));
        });
        boolean publicOpen = false;
        assertThat(spec.path("ingress").size()).isPositive();
        for (JsonNode rule : spec.path("ingress")) {
            assertThat(fields(rule)).isSubsetOf("from", "ports");
            Set<String> ports = new TreeSet<>();
            for (JsonNode port : rule.path("ports")) {
                assertThat(fields(port)).isSubsetOf("protocol", "port", "endPort");
                assertThat(port.has("endPort")).as("a port range may cover 9000").isFalse();
                ports.add(port.path("port").asText());
            }
            assertThat(containerPorts).as("ports the pod has").containsAll(ports);
            // A rule without ports covers every port, 9000 included.
            boolean management = ports.isEmpty() || ports.contains("management") || ports.contains("9000");
            if (management) {
                assertThat(rule.path("from").size()).as("sources allowed to reach 9000").isPositive();
                for (JsonNode peer : rule.path("from")) {
                    assertThat(fields(peer)).containsExactly("podSelector");
                    assertThat(fields(peer.path("podSelector"))).containsExactly("matchLabels");
                    assertThat(peer.path("podSelector").path("matchLabels").path("app.kubernetes.io/component").asText())
                            .isEqualTo("operations");
                }
            } else if (ports.contains("http") || ports.contains("8080")) {
                publicOpen = true;
            }
        }
        assertThat(publicOpen).as("clinicians and EHRs reach 8080").isTrue();
    }

    /** The Ingress is an example, never applied as it is; what it shows must still be safe to copy. */
    @Test
    void theExampleIngressRoutesOnlyThePublicServiceOverTls() {
        List<JsonNode> ingresses = BY_KIND.get("Ingress");
        assertThat(ingresses).hasSize(1);
        JsonNode spec = ingresses.get(0).path("spec");
        List<JsonNode> backends = new ArrayList<>();
        if (spec.has("defaultBackend")) {
            backends.add(spec.path("defaultBackend"));
        }
        Set<String> hosts = new TreeSet<>();
        for (JsonNode rule : spec.path("rules")) {
            hosts.add(rule.path("host").asText());
            rule.path("http").path("paths").forEach(p -> backends.add(p.path("backend")));
        }
        assertThat(backends).isNotEmpty().allSatisfy(b -> {
            assertThat(b.path("service").path("name").asText()).isEqualTo("ketaplan");
            JsonNode port = b.path("service").path("port");
            assertThat(port.path("name").asText("") + port.path("number").asText("")).isIn("http", "80");
        });
        Set<String> tlsHosts = new TreeSet<>();
        spec.path("tls").forEach(t -> {
            assertThat(t.path("secretName").asText()).isNotBlank();
            tlsHosts.addAll(texts(t.path("hosts")));
        });
        assertThat(tlsHosts).containsAll(hosts);
    }

    static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    /** Operators point the image at their registry in the kustomization, which must name the Deployment's image. */
    @Test
    void theKustomizationLetsOperatorsSetTheImage() throws IOException {
        JsonNode k = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        String image = container().getImage();
        String name = image.contains(":") ? image.substring(0, image.lastIndexOf(':')) : image;
        List<String> named = new ArrayList<>();
        k.path("images").forEach(i -> named.add(i.path("name").asText()));
        assertThat(named).contains(name);
    }

    @Test
    void theKustomizationNamesEveryManifest() throws IOException {
        JsonNode k = YAML.readTree(DIR.resolve("kustomization.yaml").toFile());
        Set<String> named = new TreeSet<>();
        k.path("resources").forEach(r -> named.add(r.asText()));
        k.path("patches").forEach(p -> named.add(p.path("path").asText()));
        try (Stream<Path> files = Files.list(DIR)) {
            assertThat(named).containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString())
                    .filter(n -> n.endsWith(".yaml") && !n.equals("kustomization.yaml") && !n.contains("example"))
                    .toList());
        }
    }
}
