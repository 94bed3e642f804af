package org.ketaplan.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.agroal.runtime.AgroalDataSourceUtil;
import io.quarkus.datasource.common.runtime.DataSourceUtil;

/**
 * The audit tables over plain JDBC: PostgreSQL when the {@code pg} datasource is configured (its URL set), else the
 * embedded H2 file of the default datasource. Flyway creates the tables on either at start-up.
 */
@ApplicationScoped
public class AuditStore {

    /** One plan as recorded; {@code requestJson} and {@code planJson} are null when the policy keeps no content. */
    public record PlanRow(String planId, Instant createdAt, String caller, String channel, String ruleset,
                          String requestSha256, String ruleIds, String triage, String eligibility, String series,
                          String requestJson, String planJson) {
    }

    /** A recorded request to replay: its plan's id and time; the request as the caller sent it. */
    public record RecordedRequest(String planId, Instant createdAt, String requestJson) {
    }

    public record ReloadRow(Instant createdAt, String caller, String version, boolean accepted, String reason) {
    }

    /**
     * A clinician's answer to a recommendation: from an EHR (service is the CDS service; the card is the plan) or
     * from the page (service "page", one rule's item). {@code reason}: the override reason's code, never free text.
     */
    public record FeedbackRow(Instant createdAt, String caller, String service, String card, String outcome,
                              String planId, String ruleId, String reason) {
    }

    /** Per rule ID over a period: plans that showed it, answers accepted and overridden, and the override reasons. */
    public record RuleStats(String ruleId, int shown, int accepted, int overridden, java.util.Map<String, Integer> reasons) {
    }

    /** Which database holds the record: "postgresql", "h2", or empty when none is configured. */
    public Optional<String> database() {
        if (AgroalDataSourceUtil.dataSourceIfActive("pg").isPresent()) {
            return Optional.of("postgresql");
        }
        return AgroalDataSourceUtil.dataSourceIfActive(DataSourceUtil.DEFAULT_DATASOURCE_NAME).map(d -> "h2");
    }

    DataSource dataSource() {
        return AgroalDataSourceUtil.dataSourceIfActive("pg")
                .or(() -> AgroalDataSourceUtil.dataSourceIfActive(DataSourceUtil.DEFAULT_DATASOURCE_NAME))
                .orElseThrow(() -> new SQLStateException("no audit database is configured"));
    }

    /** One transaction per batch: a commit per row cost more than the rows themselves (docs/performance.md). */
    void insertPlans(List<PlanRow> rows) throws SQLException {
        try (Connection c = dataSource().getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            c.setAutoCommit(false);
            try {
                insertPlans(c, rows);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(autoCommit);
            }
        }
    }

    private static void insertPlans(Connection c, List<PlanRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into plan_audit (plan_id, created_at, caller, channel, "
                     + "ruleset, request_sha256, rule_ids, triage, eligibility, series, request_json, plan_json) "
                     + "values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (PlanRow r : rows) {
                ps.setString(1, r.planId());
                ps.setObject(2, OffsetDateTime.ofInstant(r.createdAt(), ZoneOffset.UTC));
                ps.setString(3, r.caller());
                ps.setString(4, r.channel());
                ps.setString(5, r.ruleset());
                ps.setString(6, r.requestSha256());
                ps.setString(7, r.ruleIds());
                ps.setString(8, r.triage());
                ps.setString(9, r.eligibility());
                ps.setString(10, r.series());
                text(ps, 11, r.requestJson());
                text(ps, 12, r.planJson());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    void insertReload(ReloadRow r) throws SQLException {
        insert("insert into reload_audit (created_at, caller, version, accepted, reason) values (?, ?, ?, ?, ?)",
                r.createdAt(), r.caller(), r.version(), r.accepted(), r.reason());
    }

    void insertFeedback(FeedbackRow r) throws SQLException {
        insert("insert into feedback_audit (created_at, caller, service, card, outcome, plan_id, rule_id, reason) "
                        + "values (?, ?, ?, ?, ?, ?, ?, ?)",
                r.createdAt(), r.caller(), r.service(), r.card(), r.outcome(), r.planId(), r.ruleId(), r.reason());
    }

    /**
     * A clinician's answer to one recommendation, written before the answer is acknowledged; false when this caller
     * has already answered this rule of this plan (the unique index of V4 decides, so that two replicas agree).
     */
    public boolean insertFeedbackOnce(FeedbackRow r) throws SQLException {
        try {
            insertFeedback(r);
            return true;
        } catch (SQLException e) {
            if ("23505".equals(e.getSQLState())) {
                return false;
            }
            throw e;
        }
    }

    /** The rule IDs a recorded plan showed; empty when no plan of that id is recorded. */
    public Optional<java.util.Set<String>> ruleIdsOf(String planId) throws SQLException {
        try (Connection c = dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select rule_ids from plan_audit where plan_id = ?")) {
            ps.setString(1, planId);
            try (java.sql.ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                String ids = rs.getString(1);
                return Optional.of(ids == null || ids.isEmpty() ? java.util.Set.of()
                        : new java.util.HashSet<>(java.util.Arrays.asList(ids.split(","))));
            }
        }
    }

    /** One row of a record that has its time first; the drivers bind strings and booleans as given. */
    private void insert(String sql, Instant createdAt, Object... values) throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, OffsetDateTime.ofInstant(createdAt, ZoneOffset.UTC));
            for (int i = 0; i < values.length; i++) {
                if (values[i] == null) {
                    ps.setNull(i + 2, Types.VARCHAR);
                } else {
                    ps.setObject(i + 2, values[i]);
                }
            }
            ps.executeUpdate();
        }
    }

    /** Deletes what is older than {@code before}; returns how many records went. */
    int purge(Instant before) throws SQLException {
        int n = 0;
        try (Connection c = dataSource().getConnection()) {
            for (String table : List.of("plan_audit", "reload_audit", "feedback_audit")) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where created_at < ?")) {
                    ps.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
                    n += ps.executeUpdate();
                }
            }
        }
        return n;
    }

    /** Deletes the shared state that has expired (drafts, used token ids); returns how many rows went. */
    int purgeExpired(Instant now) throws SQLException {
        int n = 0;
        try (Connection c = dataSource().getConnection()) {
            for (String table : List.of("draft", "jti_seen")) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where expires_at < ?")) {
                    ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    n += ps.executeUpdate();
                }
            }
        }
        return n;
    }

    /** Plans in [from, to), newest first; one plan by id when {@code planId} is given. */
    public List<PlanRow> plans(Instant from, Instant to, String planId, int page, int size) throws SQLException {
        String sql = "select plan_id, created_at, caller, channel, ruleset, request_sha256, rule_ids, triage, "
                + "eligibility, series, request_json, plan_json from plan_audit where created_at >= ? and created_at < ?"
                + (planId != null ? " and plan_id = ?" : "") + " order by created_at desc, plan_id limit ? offset ?";
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            int i = 1;
            ps.setObject(i++, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(i++, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            if (planId != null) {
                ps.setString(i++, planId);
            }
            ps.setInt(i++, size);
            ps.setLong(i, (long) page * size);
            List<PlanRow> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PlanRow(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7),
                            rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11), rs.getString(12)));
                }
            }
            return out;
        }
    }

    /** Recorded requests in [from, to) whose content the policy kept, newest first, at most {@code limit}. */
    public List<RecordedRequest> requests(Instant from, Instant to, int limit) throws SQLException {
        try (Connection c = dataSource().getConnection()) {
            return requests(c, from, to, limit);
        }
    }

    /** The same over a connection of its own: the check commands read the service's database from outside it. */
    public static List<RecordedRequest> requests(Connection c, Instant from, Instant to, int limit) throws SQLException {
        String sql = "select plan_id, created_at, request_json from plan_audit where created_at >= ? and created_at < ?"
                + " and request_json is not null order by created_at desc, plan_id limit ?";
        try (PreparedStatement ps = streaming(c, sql)) {
            ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            ps.setInt(3, limit);
            List<RecordedRequest> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RecordedRequest(rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(),
                            rs.getString(3)));
                }
            }
            c.setAutoCommit(true);
            return out;
        }
    }

    public List<ReloadRow> reloads(Instant from, Instant to, int page, int size) throws SQLException {
        return page("select created_at, caller, version, accepted, reason from reload_audit", from, to, page, size,
                rs -> new ReloadRow(instant(rs), rs.getString(2), rs.getString(3), rs.getBoolean(4), rs.getString(5)));
    }

    public List<FeedbackRow> feedback(Instant from, Instant to, int page, int size) throws SQLException {
        return page("select created_at, caller, service, card, outcome, plan_id, rule_id, reason from feedback_audit",
                from, to, page, size, rs -> new FeedbackRow(instant(rs), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
    }

    /**
     * Override analytics over [from, to): per rule ID, the plans that showed it (its ID among the plan's rules) and
     * the answers given about it. An EHR's answer is about the whole card, so it counts for every rule behind the
     * card's plan; the page's is about one rule's item. At most {@code limit} plans and answers are read.
     */
    public List<RuleStats> ruleStats(Instant from, Instant to, int limit) throws SQLException {
        java.util.Map<String, int[]> counts = new java.util.TreeMap<>();
        java.util.Map<String, java.util.Map<String, Integer>> reasons = new java.util.HashMap<>();
        try (Connection c = dataSource().getConnection()) {
            try (PreparedStatement ps = streaming(c, "select rule_ids from plan_audit where created_at >= ? "
                    + "and created_at < ? order by created_at desc limit ?")) {
                bindRange(ps, from, to, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        for (String id : ids(rs.getString(1))) {
                            counts.computeIfAbsent(id, k -> new int[3])[0]++;
                        }
                    }
                }
            }
            try (PreparedStatement ps = streaming(c, "select f.outcome, f.rule_id, f.reason, p.rule_ids "
                    + "from feedback_audit f left join plan_audit p on p.plan_id = f.plan_id "
                    + "where f.created_at >= ? and f.created_at < ? order by f.created_at desc limit ?")) {
                bindRange(ps, from, to, limit);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        boolean overridden = "overridden".equals(rs.getString(1));
                        String reason = rs.getString(3);
                        List<String> about = rs.getString(2) != null ? List.of(rs.getString(2)) : ids(rs.getString(4));
                        for (String id : about) {
                            counts.computeIfAbsent(id, k -> new int[3])[overridden ? 2 : 1]++;
                            if (overridden && reason != null) {
                                reasons.computeIfAbsent(id, k -> new java.util.TreeMap<>()).merge(reason, 1, Integer::sum);
                            }
                        }
                    }
                }
            }
            c.setAutoCommit(true);
        }
        List<RuleStats> out = new ArrayList<>();
        counts.forEach((id, n) -> out.add(new RuleStats(id, n[0], n[1], n[2], reasons.getOrDefault(id, java.util.Map.of()))));
        return out;
    }

    /**
     * Rows fetched a few hundred at a time: PostgreSQL's driver otherwise holds a whole result in memory, and these
     * reads may count hundreds of thousands of rows. Read-only, so the open transaction changes nothing.
     */
    private static PreparedStatement streaming(Connection c, String sql) throws SQLException {
        c.setAutoCommit(false);
        PreparedStatement ps = c.prepareStatement(sql);
        ps.setFetchSize(500);
        return ps;
    }

    private static void bindRange(PreparedStatement ps, Instant from, Instant to, int limit) throws SQLException {
        ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
        ps.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
        ps.setInt(3, limit);
    }

    private static List<String> ids(String ruleIds) {
        return ruleIds == null || ruleIds.isEmpty() ? List.of() : List.of(ruleIds.split(","));
    }

    private interface Row<T> {
        T read(ResultSet rs) throws SQLException;
    }

    /** A page of a table whose first column is created_at, newest first. */
    private <T> List<T> page(String select, Instant from, Instant to, int page, int size, Row<T> row)
            throws SQLException {
        try (Connection c = dataSource().getConnection(); PreparedStatement ps = c.prepareStatement(select
                + " where created_at >= ? and created_at < ? order by created_at desc, id desc limit ? offset ?")) {
            ps.setObject(1, OffsetDateTime.ofInstant(from, ZoneOffset.UTC));
            ps.setObject(2, OffsetDateTime.ofInstant(to, ZoneOffset.UTC));
            ps.setInt(3, size);
            ps.setLong(4, (long) page * size);
            List<T> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row.read(rs));
                }
            }
            return out;
        }
    }

    private static Instant instant(ResultSet rs) throws SQLException {
        return rs.getObject(1, OffsetDateTime.class).toInstant();
    }

    private static void text(PreparedStatement ps, int index, String value) throws SQLException {
        if (value == null) {
            ps.setNull(index, Types.VARCHAR);
        } else {
            ps.setString(index, value);
        }
    }

    /** No database to write to: the audit log counts the records it cannot keep. */
    static final class SQLStateException extends IllegalStateException {
        SQLStateException(String message) {
            super(message);
        }
    }
}
