package org.ketaplan.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * State that must hold across replicas, in the audit database (PostgreSQL on a cluster, the H2 file on one
 * machine): one-time keys (a CDS Hooks JWT's issuer and jti) and drafts. The database decides what was first:
 * a key's primary key refuses its second insert, whichever replica tries it.
 */
@ApplicationScoped
public class SharedState {

    /** Expired rows are deleted at most this often (milliseconds): a cost on the path of one call in many. */
    private static final long PURGE_EVERY_MS = 60_000;

    private final AuditStore store;
    private final AtomicLong lastPurge = new AtomicLong();

    public SharedState(AuditStore store) {
        this.store = store;
    }

    /** True the first time {@code key} is used before {@code until}; false on any later use, on any replica. */
    public boolean firstUse(String key, Instant until, Instant now) throws SQLException {
        purge(now);
        try (Connection c = store.dataSource().getConnection()) {
            try (PreparedStatement ps = c.prepareStatement("insert into jti_seen (token_key, expires_at) values (?, ?)")) {
                ps.setString(1, key);
                ps.setObject(2, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
                ps.executeUpdate();
                return true;
            } catch (SQLException e) {
                if (!"23505".equals(e.getSQLState())) {
                    throw e;
                }
            }
            // The key exists: a use, unless its row outlived its expiry before a purge removed it.
            try (PreparedStatement ps = c.prepareStatement(
                    "update jti_seen set expires_at = ? where token_key = ? and expires_at < ?")) {
                ps.setObject(1, OffsetDateTime.ofInstant(until, ZoneOffset.UTC));
                ps.setString(2, key);
                ps.setObject(3, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                return ps.executeUpdate() == 1;
            }
        }
    }

    public void putDraft(String id, Instant expiresAt, String content, Instant now) throws SQLException {
        purge(now);
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("insert into draft (id, expires_at, content) values (?, ?, ?)")) {
            ps.setString(1, id);
            ps.setObject(2, OffsetDateTime.ofInstant(expiresAt, ZoneOffset.UTC));
            ps.setString(3, content);
            ps.executeUpdate();
        }
    }

    /** The draft's content while it lives. */
    public Optional<String> draft(String id, Instant now) throws SQLException {
        try (Connection c = store.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("select content from draft where id = ? and expires_at > ?")) {
            ps.setString(1, id);
            ps.setObject(2, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        }
    }

    private void purge(Instant now) throws SQLException {
        long last = lastPurge.get();
        if (now.toEpochMilli() - last < PURGE_EVERY_MS || !lastPurge.compareAndSet(last, now.toEpochMilli())) {
            return;
        }
        try (Connection c = store.dataSource().getConnection()) {
            for (String table : new String[] {"jti_seen", "draft"}) {
                try (PreparedStatement ps = c.prepareStatement("delete from " + table + " where expires_at < ?")) {
                    ps.setObject(1, OffsetDateTime.ofInstant(now, ZoneOffset.UTC));
                    ps.executeUpdate();
                }
            }
        }
    }
}
