package org.ketaplan.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;
import org.ketaplan.plan.Problem;
import org.ketaplan.plan.Violation;
import org.ketaplan.ruleset.RuleBaseHolder;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.vertx.http.ManagementInterface;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/v1/rules/check} on the management port: a clinical lead uploads a candidate rules directory as a
 * zip and gets the verdict a reload would give (compile, metadata, every scenario) and what it would change over
 * the active rules (the impact report), without activating it. Bounded before any work: the upload's size, the
 * number of entries and what they unpack to; no entry may land outside the candidate's own directory.
 */
@ApplicationScoped
public class RuleCandidates {

    static final String CHECK = RulesOperations.RULES + "/check";
    static final long MAX_UPLOAD = 4L * 1024 * 1024;
    static final long MAX_UNPACKED = 32L * 1024 * 1024;
    static final int MAX_ENTRIES = 2_000;
    private static final Logger LOG = Logger.getLogger(RuleCandidates.class);

    private final RuleBaseHolder holder;
    private final ObjectMapper json;
    private final boolean enabled;
    /** One upload is unpacked and judged at a time: the permit is taken before any byte is unpacked. */
    private final java.util.concurrent.Semaphore permit = new java.util.concurrent.Semaphore(1);

    /**
     * A candidate's rules are compiled and its scenarios run inside this service, as a reload's are, so uploading
     * one is as trusted as changing the mounted rules: off unless a site turns it on (RulesConfig.checkUpload; on in
     * dev and test). The check command needs no such trust.
     */
    public RuleCandidates(RuleBaseHolder holder, ObjectMapper json, org.ketaplan.ruleset.RulesConfig config) {
        this.holder = holder;
        this.json = json;
        this.enabled = config.checkUpload();
    }

    /** An upload that cannot be a rules directory: named in the answer. */
    static final class BadUpload extends Exception {
        BadUpload(String message) {
            super(message);
        }
    }

    void routes(@Observes ManagementInterface management) {
        management.router().post(CHECK).handler(rc -> {
            if (!enabled) {
                problem(rc, 403, "Uploading a candidate is off on this service (ketaplan.rules.check-upload): it runs "
                        + "the uploaded rules here. Check a copy with `java -jar quarkus-run.jar check <dir>` instead.", "");
                return;
            }
            String type = rc.request().getHeader("Content-Type");
            if (type == null || !type.toLowerCase(java.util.Locale.ROOT).startsWith("application/zip")) {
                problem(rc, 415, "Send the candidate rules directory as application/zip.", "Content-Type");
                return;
            }
            String length = rc.request().getHeader("Content-Length");
            if (length != null && (!length.matches("\\d{1,12}") || Long.parseLong(length) > MAX_UPLOAD)) {
                problem(rc, 413, "The upload is over " + MAX_UPLOAD / (1024 * 1024) + " MiB.", "body");
                return;
            }
            // ManagementGuard has read the body once the caller was authenticated, bounded by MAX_UPLOAD.
            if (rc.body() != null && rc.body().available()) {
                judge(rc, rc.body().buffer());
            } else if (rc.request().isEnded()) {
                judge(rc, null);
            } else {
                rc.request().body().onComplete(ar -> judge(rc, ar.succeeded() ? ar.result() : null));
            }
        });
    }

    private void judge(RoutingContext rc, Buffer body) {
        if (body == null || body.length() == 0) {
            problem(rc, 400, "The body is empty; send the candidate rules directory as a zip.", "body");
            return;
        }
        if (body.length() > MAX_UPLOAD) {
            problem(rc, 413, "The upload is over " + MAX_UPLOAD / (1024 * 1024) + " MiB.", "body");
            return;
        }
        if (!permit.tryAcquire()) {
            problem(rc, 409, "A candidate check is already running; try again when it is done.", "");
            return;
        }
        String caller = RulesOperations.caller(rc);
        byte[] zip = body.getBytes();
        rc.vertx().executeBlocking(() -> {
            try {
                return check(zip, caller);
            } finally {
                permit.release();
            }
        }, false).onComplete(ar -> {
            if (ar.failed()) {
                if (ar.cause() instanceof BadUpload bad) {
                    problem(rc, 400, bad.getMessage(), "body");
                } else if (ar.cause() instanceof RuleBaseHolder.CheckBusyException) {
                    problem(rc, 409, "A candidate check is already running; try again when it is done.", "");
                } else {
                    LOG.errorf("Candidate check failed (%s)", ar.cause().getClass().getSimpleName());
                    problem(rc, 500, "The check failed; the active rules are unchanged.", "");
                }
                return;
            }
            RuleBaseHolder.CandidateReport report = ar.result();
            send(rc, report.accepted() ? 200 : 422, report);
        });
    }

    RuleBaseHolder.CandidateReport check(byte[] zip, String caller) throws Exception {
        Path dir = Files.createTempDirectory("ketaplan-candidate");
        try {
            unpack(zip, dir);
            return holder.check(dir, caller);
        } finally {
            delete(dir);
        }
    }

    /**
     * Unpacks into {@code dir}. A zip of the folder itself (every entry under one {@code rules/}) and a zip of its
     * content both work. Names come from the zip's central directory, so nothing is decompressed to find them, and
     * each entry is decompressed once, within what is left of the budget.
     */
    static void unpack(byte[] zip, Path dir) throws IOException, BadUpload {
        Path file = Files.createTempFile("ketaplan-candidate", ".zip");
        try {
            Files.write(file, zip);
            try (java.util.zip.ZipFile z = new java.util.zip.ZipFile(file.toFile())) {
                if (z.size() > MAX_ENTRIES) {
                    throw new BadUpload("The zip has more than " + MAX_ENTRIES + " entries.");
                }
                if (z.size() == 0) {
                    throw new BadUpload("The zip is empty.");
                }
                List<? extends ZipEntry> entries = java.util.Collections.list(z.entries());
                String prefix = entries.stream().allMatch(e -> e.getName().startsWith("rules/")) ? "rules/" : "";
                long unpacked = 0;
                for (ZipEntry e : entries) {
                    String name = e.getName().substring(prefix.length());
                    if (e.isDirectory() || name.isEmpty()) {
                        continue;
                    }
                    Path target = dir.resolve(name).normalize();
                    if (!target.startsWith(dir) || name.startsWith("/") || name.contains("\\")) {
                        throw new BadUpload("A zip entry points outside the rules directory.");
                    }
                    Files.createDirectories(target.getParent());
                    try (InputStream in = z.getInputStream(e); OutputStream out = Files.newOutputStream(target)) {
                        unpacked += copy(in, out, MAX_UNPACKED - unpacked);
                    }
                }
            } catch (ZipException e) {
                throw new BadUpload("The body is not a readable zip.");
            }
        } finally {
            Files.deleteIfExists(file);
        }
    }

    private static long copy(InputStream in, OutputStream out, long budget) throws IOException, BadUpload {
        byte[] buf = new byte[8192];
        long n = 0;
        int r;
        while ((r = in.read(buf)) > 0) {
            n += r;
            if (n > budget) {
                throw new BadUpload("The zip unpacks to more than " + MAX_UNPACKED / (1024 * 1024) + " MiB.");
            }
            out.write(buf, 0, r);
        }
        return n;
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            LOG.debug("candidate directory left behind", e);
        }
    }

    private void problem(RoutingContext rc, int status, String detail, String field) {
        RulesOperations.send(rc, json, status, new Problem("about:blank", status == 400 ? "Invalid upload"
                : "Candidate not checked", status, detail, field.isEmpty() ? List.of() : List.of(new Violation(field, detail))),
                Problem.MEDIA_TYPE);
    }

    private void send(RoutingContext rc, int status, Object body) {
        RulesOperations.send(rc, json, status, body, "application/json");
    }
}
