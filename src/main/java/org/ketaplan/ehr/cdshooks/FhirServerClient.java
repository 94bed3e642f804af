package org.ketaplan.ehr.cdshooks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import org.jboss.logging.Logger;
import org.ketaplan.plan.JsonGuard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads prefetch queries from the FHIR server an EHR names in a CDS Hooks call, with the access token it gave.
 * The token is a credential, so the URL is checked first: only an allow-listed base URL, https unless the
 * allow-list entry itself says http, and not a loopback or private address unless configured. Every answer is
 * bounded in time and size, its numbers are bounded before any parser reads them, and nothing of it (status,
 * body) goes back to the caller or into the log.
 */
final class FhirServerClient {

    private static final Logger LOG = Logger.getLogger(FhirServerClient.class);
    /** A patient's record can be large; the CDS Hooks body limit is of the same order. */
    static final int MAX_ANSWER_BYTES = 4 * 1024 * 1024;
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);

    private final List<String> allowed;
    private final boolean privateAddresses;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    FhirServerClient(List<String> allowed, boolean privateAddresses, ObjectMapper json) {
        this.allowed = allowed.stream().map(FhirServerClient::withSlash).toList();
        this.privateAddresses = privateAddresses;
        this.json = json;
    }

    /** The base URL to use, or a 412 problem naming why the named server may not be read. */
    String checkedBase(String fhirServer) {
        URI uri;
        try {
            uri = new URI(withSlash(fhirServer.strip())).normalize();
        } catch (URISyntaxException e) {
            throw new CdsService.CdsProblem(400, "fhirServer is not a URL");
        }
        String base = uri.toString();
        if (uri.getRawPath() == null || uri.getRawPath().contains("..")) {
            throw new CdsService.CdsProblem(400, "fhirServer must be an https base URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                || uri.getRawFragment() != null || !(scheme.equals("https") || scheme.equals("http"))) {
            throw new CdsService.CdsProblem(400, "fhirServer must be an https base URL");
        }
        if (allowed.stream().noneMatch(a -> base.equalsIgnoreCase(a) || base.regionMatches(true, 0, a, 0, a.length()))) {
            throw new CdsService.CdsProblem(412, "fhirServer is not one this service may read; send the data by prefetch");
        }
        if (!scheme.equals("https") && allowed.stream().noneMatch(a -> a.regionMatches(true, 0, "http://", 0, 7)
                && base.regionMatches(true, 0, a, 0, a.length()))) {
            throw new CdsService.CdsProblem(412, "fhirServer must use https");
        }
        if (!privateAddresses && inward(uri.getHost())) {
            throw new CdsService.CdsProblem(412, "fhirServer resolves to a private address this service does not read");
        }
        return base;
    }

    private static boolean inward(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (a.isLoopbackAddress() || a.isSiteLocalAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
                        || a.isMulticastAddress() || uniqueLocal(a)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException e) {
            throw new CdsService.CdsProblem(412, "fhirServer host is unknown");
        }
    }

    /** IPv6 fc00::/7, which InetAddress does not call site-local. */
    private static boolean uniqueLocal(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 16 && (b[0] & 0xfe) == 0xfc;
    }

    /** One query against a checked base; null when the server says the one resource asked for does not exist. */
    JsonNode read(String base, String query, String accessToken, long deadlineNanos) {
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0) {
            throw new CdsService.CdsProblem(412, "the FHIR server did not answer in time");
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + query))
                .timeout(Duration.ofNanos(Math.min(left, REQUEST_TIMEOUT.toNanos())))
                .header("Accept", "application/fhir+json")
                .header("Authorization", "Bearer " + accessToken)
                .GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() == 404 && !query.contains("?")) {
                    return null;
                }
                if (response.statusCode() != 200) {
                    LOG.info("a FHIR server query was not answered with 200");
                    throw new CdsService.CdsProblem(412, "the FHIR server could not be read");
                }
                byte[] body = in.readNBytes(MAX_ANSWER_BYTES + 1);
                if (body.length > MAX_ANSWER_BYTES) {
                    throw new CdsService.CdsProblem(412, "the FHIR server's answer is over " + MAX_ANSWER_BYTES + " bytes");
                }
                if (!JsonGuard.check(body, JsonGuard.FHIR).isEmpty()) {
                    throw new CdsService.CdsProblem(412, "the FHIR server's answer has values out of any sane range");
                }
                return json.readTree(body);
            }
        } catch (IOException e) {
            throw new CdsService.CdsProblem(412, "the FHIR server could not be read");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CdsService.CdsProblem(412, "interrupted while reading the FHIR server");
        }
    }

    private static String withSlash(String s) {
        return s.endsWith("/") ? s : s + "/";
    }
}
