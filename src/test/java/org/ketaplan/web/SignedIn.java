package org.ketaplan.web;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import io.restassured.specification.RequestSpecification;

/**
 * Calls as the local users that dev and test start with (application.properties), through the real Basic
 * authentication and the real properties realm: tests of clinical behaviour sign in as a clinician, operations
 * tests as a clinical lead or an auditor. RolesTest proves who is refused what.
 */
public final class SignedIn {

    public static final String CLINICIAN = "clinician";
    public static final String LEAD = "lead";
    public static final String AUDITOR = "auditor";

    private SignedIn() {
    }

    public static RequestSpecification asClinician() {
        return as(CLINICIAN);
    }

    public static RequestSpecification asLead() {
        return as(LEAD);
    }

    public static RequestSpecification asAuditor() {
        return as(AUDITOR);
    }

    /** The dev and test users' passwords are their names. */
    public static RequestSpecification as(String user) {
        return given().auth().preemptive().basic(user, user);
    }

    /**
     * A system property adding a local user to a packaged service, as docs/security.md tells an operator to: the
     * SHA-512 of name:Quarkus:password.
     */
    public static String localUser(String name, String password) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-512")
                    .digest((name + ":Quarkus:" + password).getBytes(StandardCharsets.UTF_8));
            return "-Dquarkus.security.users.embedded.users." + name + "=" + java.util.HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String localRole(String name, String roles) {
        return "-Dquarkus.security.users.embedded.roles." + name + "=" + roles;
    }

    /** The Authorization header value for clients other than REST Assured (raw HTTP, the browser). */
    public static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }
}
