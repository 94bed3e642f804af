import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rehearses an EHR's signed CDS Hooks calls against a local service, with nothing but the JDK (docs/ehr.md,
 * "Rehearsing signed calls"):
 *
 * <pre>
 * java scripts/EhrToken.java key target/ehr                 # a test EHR's key pair, and the settings that trust it
 * java scripts/EhrToken.java token target/ehr/ehr-key.json http://localhost:8080/cds-services/ketamine-plan
 * </pre>
 *
 * The token is what a CDS Hooks 2.0 client sends: ES384, the key's kid, iss, aud (the service's URL), a fresh jti,
 * five minutes to live. A test key for rehearsal only: an EHR signs with its own key and publishes its JWK Set.
 */
public class EhrToken {

    static final String ISSUER = "https://ehr.local.example/";
    static final int SIZE = 48; // P-384 coordinates

    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("key")) {
            key(Path.of(args[1]));
        } else if (args.length == 3 && args[0].equals("token")) {
            System.out.println(token(Files.readString(Path.of(args[1])), args[2]));
        } else {
            System.err.println("usage: java scripts/EhrToken.java key <dir>\n"
                    + "       java scripts/EhrToken.java token <dir>/ehr-key.json <service URL>");
            System.exit(2);
        }
    }

    static void key(Path dir) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair pair = g.generateKeyPair();
        ECPublicKey pub = (ECPublicKey) pair.getPublic();
        String kid = "local-ehr-" + UUID.randomUUID().toString().substring(0, 8);
        String publicJwk = "{\"kty\":\"EC\",\"crv\":\"P-384\",\"kid\":\"" + kid + "\",\"use\":\"sig\",\"alg\":\"ES384\","
                + "\"x\":\"" + b64(fixed(pub.getW().getAffineX())) + "\",\"y\":\"" + b64(fixed(pub.getW().getAffineY())) + "\"";
        String d = b64(fixed(((ECPrivateKey) pair.getPrivate()).getS()));
        Files.createDirectories(dir);
        Path privateFile = dir.resolve("ehr-key.json");
        Path jwks = dir.resolve("ehr-jwks.json");
        Files.writeString(privateFile, publicJwk + ",\"d\":\"" + d + "\",\"iss\":\"" + ISSUER + "\"}\n");
        Files.writeString(jwks, "{\"keys\":[" + publicJwk + "}]}\n");
        System.out.println("Wrote " + privateFile + " (keep it to yourself) and " + jwks + " (the EHR's public keys).");
        System.out.println("Start the service trusting this test EHR; its signed calls are then checked, in dev mode too:");
        System.out.println("  ./mvnw quarkus:dev -Dketaplan.cds.issuers.local.iss=" + ISSUER
                + " -Dketaplan.cds.issuers.local.jwks=" + jwks.toAbsolutePath());
    }

    static String token(String privateJwk, String audience) throws Exception {
        AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
        p.init(new ECGenParameterSpec("secp384r1"));
        ECParameterSpec spec = p.getParameterSpec(ECParameterSpec.class);
        ECPrivateKey key = (ECPrivateKey) KeyFactory.getInstance("EC")
                .generatePrivate(new ECPrivateKeySpec(new BigInteger(1, unb64(field(privateJwk, "d"))), spec));
        long now = Instant.now().getEpochSecond();
        String header = "{\"alg\":\"ES384\",\"typ\":\"JWT\",\"kid\":\"" + field(privateJwk, "kid") + "\"}";
        String claims = "{\"iss\":\"" + field(privateJwk, "iss") + "\",\"aud\":\"" + audience + "\",\"iat\":" + now
                + ",\"exp\":" + (now + 300) + ",\"jti\":\"" + UUID.randomUUID() + "\"}";
        String signingInput = b64(header.getBytes(StandardCharsets.UTF_8)) + "." + b64(claims.getBytes(StandardCharsets.UTF_8));
        // JWS wants the raw r||s of 48 bytes each (IEEE P1363), not the DER the plain algorithm gives.
        Signature s = Signature.getInstance("SHA384withECDSAinP1363Format");
        s.initSign(key);
        s.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + b64(s.sign());
    }

    static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalArgumentException("no \"" + name + "\" in the key file");
        }
        return m.group(1);
    }

    static byte[] fixed(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[SIZE];
        int copy = Math.min(raw.length, SIZE);
        System.arraycopy(raw, raw.length - copy, out, SIZE - copy, copy);
        return out;
    }

    static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static byte[] unb64(String text) {
        return Base64.getUrlDecoder().decode(text);
    }
}
