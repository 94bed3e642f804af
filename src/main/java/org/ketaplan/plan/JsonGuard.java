package org.ketaplan.plan;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;

/**
 * A single streaming pass over a JSON body before anything builds objects from it: every list and every
 * number is bounded first. A FHIR decimal of {@code 1e999999999} once sent HAPI's decimal arithmetic into a
 * loop holding gigabytes, and 10,000 {@code null} list elements took seconds of validation on the event loop;
 * both are refused here in microseconds, with the path of the offending value.
 */
public final class JsonGuard {

    /**
     * @param maxElements   elements of any one list
     * @param maxNumberText characters of any one number as written
     * @param maxExponent   magnitude of a number's exponent ({@code 1e6} has 6)
     * @param intsFitInt    integers must fit 32 bits (the plan API has no wider field)
     */
    public record Limits(int maxElements, int maxNumberText, int maxExponent, boolean intsFitInt) {
    }

    /** The JSON plan API: its largest list holds 500 assessments; no field needs more than a few digits. */
    public static final Limits PLAN_API = new Limits(500, 24, 6, true);
    /** FHIR resources and CDS Hooks calls: long records, decimals with a sane exponent. */
    public static final Limits FHIR = new Limits(20_000, 40, 20, false);

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(200).maxNumberLength(100).build())
            .build();

    private JsonGuard() {
    }

    /**
     * The first value beyond the limits, with its path; empty when there is none. A body that is not JSON at
     * all yields nothing here: the parser that reads it next reports that with its own message.
     */
    public static List<Violation> check(byte[] body, Limits limits) {
        List<Violation> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(body)) {
            JsonToken t;
            while ((t = p.nextToken()) != null && out.isEmpty()) {
                JsonStreamContext ctx = p.getParsingContext();
                JsonStreamContext container = t.isStructStart() ? ctx.getParent() : ctx;
                if (t.isStructEnd() || t == JsonToken.FIELD_NAME) {
                    continue;
                }
                if (container != null && container.inArray() && container.getCurrentIndex() >= limits.maxElements()) {
                    out.add(new Violation(RequestReader.pathOf(container.getParent()),
                            "a list may hold at most " + limits.maxElements() + " elements"));
                } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                    String problem = number(p, t, limits);
                    if (problem != null) {
                        out.add(new Violation(RequestReader.pathOf(ctx), problem));
                    }
                }
            }
        } catch (IOException e) {
            // Not JSON, or nested beyond any sane depth: the reader that parses it next says so.
            return out;
        }
        return out;
    }

    private static String number(JsonParser p, JsonToken t, Limits limits) throws IOException {
        String text = p.getText();
        if (text.length() > limits.maxNumberText()) {
            return "number too long (" + text.length() + " characters; at most " + limits.maxNumberText() + ")";
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            if (limits.intsFitInt() && p.getNumberType() != JsonParser.NumberType.INT) {
                return "number out of range";
            }
            return null;
        }
        int e = Math.max(text.indexOf('e'), text.indexOf('E'));
        if (e >= 0) {
            String digits = text.substring(e + 1).replace("+", "").replace("-", "");
            if (digits.length() > 4 || Integer.parseInt(digits) > limits.maxExponent()) {
                return "number out of range (exponent over " + limits.maxExponent() + ")";
            }
        }
        return null;
    }
}
