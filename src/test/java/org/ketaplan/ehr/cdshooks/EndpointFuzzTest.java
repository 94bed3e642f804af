package org.ketaplan.ehr.cdshooks;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.ketaplan.plan.RequestFuzzTest;
import org.ketaplan.plan.Requests;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;

/**
 * Fuzzing over the real HTTP stack, for every endpoint a client or an EHR reaches: the JSON plan API, the FHIR
 * Bundle endpoint and both CDS Hooks services (signed calls). Mutations are those a probe used: numbers of
 * unbounded size written as text, long lists, control characters in strings, byte damage, odd URLs. Every
 * answer must be a plan or a 4xx problem without internals; never a 500 and never a hang (each request has a
 * client timeout, so a regression fails the test rather than the build). Seeded, so a failure reproduces.
 */
@QuarkusTest
@TestProfile(CdsProfile.class)
class EndpointFuzzTest {

    static final int CASES_PER_ENDPOINT = 150;
    static final Set<Integer> ALLOWED = Set.of(200, 400, 404, 405, 412, 413, 415);
    static final String[] HUGE_NUMBERS = {"1e999999999", "-1E+999999999", "1e-999999999", "4294967486",
            "-4294967106", "99999999999999999999999999999999999999999999", "1E400", "0.000000000000000000000000000001"};
    static final String[] CONTROL = {"\\u0000", "\\n", "\\r\\nSet-Cookie: x=1", "\\u001b[31m", "\\u2028", "\\t\\t"};
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void planApi() throws Exception {
        fuzz("/api/v1/plans", "application/json", () -> Requests.contractExample(), false);
    }

    @Test
    void fhirBundleEndpoint() throws Exception {
        String bundle = CdsHooksTest.patientView(Map.of()).get("prefetch").get("vitals").toString();
        fuzz("/api/v1/plans/fhir", "application/fhir+json", () -> (ObjectNode) CdsHooksTest.read(bundle), false);
    }

    @Test
    void cdsHooksPatientView() throws Exception {
        fuzz("/cds-services/ketamine-plan", "application/json", () -> CdsHooksTest.patientView(Map.of()), true);
    }

    @Test
    void cdsHooksOrderSelectAndFeedback() throws Exception {
        fuzz("/cds-services/ketamine-plan/feedback", "application/json", () -> (ObjectNode) CdsHooksTest.read("""
                {"feedback":[{"card":"c1","outcome":"overridden","overrideReason":{"reason":{"code":"x"}},
                 "outcomeTimestamp":"2026-11-21T10:05:31Z"}]}"""), true);
    }

    @Test
    void oddUrlsAreClientErrors() throws Exception {
        String[] paths = {"/cds-services/%00", "/cds-services/..%2f..%2fetc", "/cds-services/a%0d%0aX:y",
                "/api/v1/plans/%ZZ", "/api/v1/plans/fhir/" + "a".repeat(4000), "/cds-services/" + "%e2%80%ae".repeat(50),
                "/cds-services/ketamine-plan/feedback/../../q/metrics", "/%2e%2e/%2e%2e/", "/api/v1/rules/reload",
                "/cds-services/ketamine-plan?x=" + "%ff".repeat(100)};
        for (String path : paths) {
            for (String method : List.of("GET", "POST")) {
                String[] answer = raw(method, path);
                // A path that normalises to the page ("/%2e%2e/") may serve it; nothing may fail on the server.
                assertThat(Integer.parseInt(answer[0])).as("%s %s: %s", method, path, answer[1]).isLessThan(500);
                assertThat(answer[1]).doesNotContain("Exception").doesNotContain("\tat ");
            }
        }
    }

    /** Over a plain socket: java.net.URI refuses to even send most of these paths. Status code and body. */
    static String[] raw(String method, String path) throws Exception {
        try (java.net.Socket socket = new java.net.Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(15_000);
            String audience = RestAssured.baseURI + ":" + RestAssured.port + path;
            String request = method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
                    + "Authorization: Bearer " + CdsHooksTest.token(audience, java.util.UUID.randomUUID().toString(),
                    java.time.Instant.now().plusSeconds(300)) + "\r\n"
                    + "Content-Type: application/json\r\nContent-Length: 2\r\n\r\n{}";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String status = response.substring(response.indexOf(' ') + 1, response.indexOf(' ') + 4);
            return new String[] {status, response};
        }
    }

    private void fuzz(String path, String type, java.util.function.Supplier<ObjectNode> seed, boolean signed)
            throws Exception {
        Random random = new Random(path.hashCode() + 20261202L);
        int ok = 0;
        for (int i = 0; i < CASES_PER_ENDPOINT; i++) {
            ObjectNode tree = seed.get();
            for (int m = random.nextInt(3); m > 0; m--) {
                RequestFuzzTest.mutate(tree, random);
            }
            String text = tree.toString();
            text = switch (random.nextInt(5)) {
                case 0 -> replaceANumber(text, HUGE_NUMBERS[random.nextInt(HUGE_NUMBERS.length)], random);
                case 1 -> lengthenAList(text, random);
                case 2 -> controlCharacters(text, CONTROL[random.nextInt(CONTROL.length)], random);
                case 3 -> new String(damage(text.getBytes(StandardCharsets.UTF_8), random), StandardCharsets.UTF_8);
                default -> text;
            };
            HttpResponse<String> r = send("POST", path, type, text.getBytes(StandardCharsets.UTF_8), signed);
            assertThat(ALLOWED).as("case %d on %s answered %d: %s%nfor %s", i, path, r.statusCode(), r.body(),
                    abbreviate(text)).contains(r.statusCode());
            assertNoInternals(r);
            ok += r.statusCode() == 200 ? 1 : 0;
        }
        // Both outcomes must occur, or the fuzzer is not reaching past the first check.
        assertThat(ok).as("plans among the fuzzed calls to %s", path).isPositive();
    }

    static HttpResponse<String> send(String method, String path, String type, byte[] body, boolean signed)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(15)).header("Content-Type", type);
        if (signed) {
            String audience = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
            b.header("Authorization", "Bearer " + CdsHooksTest.token(audience));
        } else {
            b.header("Authorization", org.ketaplan.web.SignedIn.basic(org.ketaplan.web.SignedIn.CLINICIAN));
        }
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.ofByteArray(body)) : b.GET();
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static void assertNoInternals(HttpResponse<String> r) {
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("jackson").doesNotContain("java.")
                .doesNotContain("\tat ");
    }

    static String replaceANumber(String text, String number, Random random) {
        Matcher m = Pattern.compile("(?<=:)-?\\d+(\\.\\d+)?(?=[,}\\]])").matcher(text);
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            spans.add(new int[] {m.start(), m.end()});
        }
        if (spans.isEmpty()) {
            return text;
        }
        int[] s = spans.get(random.nextInt(spans.size()));
        return text.substring(0, s[0]) + number + text.substring(s[1]);
    }

    static String lengthenAList(String text, Random random) {
        int open = text.indexOf('[', random.nextInt(Math.max(1, text.length() / 2)));
        if (open < 0) {
            return text;
        }
        int count = random.nextBoolean() ? 600 : 25_000;
        String filler = random.nextBoolean() ? "null," : "{\"a\":1},";
        return text.substring(0, open + 1) + filler.repeat(count) + text.substring(open + 1);
    }

    static String controlCharacters(String text, String inject, Random random) {
        int quote = text.indexOf(":\"", random.nextInt(Math.max(1, text.length() / 2)));
        return quote < 0 ? text : text.substring(0, quote + 2) + inject + text.substring(quote + 2);
    }

    static byte[] damage(byte[] body, Random random) {
        byte[] copy = body.clone();
        for (int i = 0; i < 1 + random.nextInt(3); i++) {
            String chars = "{}[]\",:0e \u0000\n";
            copy[random.nextInt(copy.length)] = (byte) chars.charAt(random.nextInt(chars.length()));
        }
        return copy;
    }

    static String abbreviate(String s) {
        return s.length() > 600 ? s.substring(0, 600) + "..." : s;
    }
}
