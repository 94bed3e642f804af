package org.ketaplan.web;

import java.util.logging.Filter;
import java.util.logging.LogRecord;

import org.jboss.logmanager.ExtLogRecord;

import io.quarkus.logging.LoggingFilter;

/**
 * The last line of defence for the log, applied to every handler: whatever text a record carries (ours, a
 * library's, or a client's that slipped into one), it is written on one line with control characters
 * escaped and its length capped, so no client text can forge a log line or flood the file. Exceptions keep
 * their types and stack frames but lose their messages, which quote URLs, ids and values (a patient id in a
 * URL once reached the log this way).
 */
@LoggingFilter(name = "ketaplan-log-safety")
public final class LogSafety implements Filter {

    static final int MAX_MESSAGE = 2_000;

    @Override
    public boolean isLoggable(LogRecord record) {
        String message = record instanceof ExtLogRecord ext ? ext.getFormattedMessage() : record.getMessage();
        if (record instanceof ExtLogRecord ext) {
            ext.setMessage(escape(message), ExtLogRecord.FormatStyle.NO_FORMAT);
        } else {
            record.setMessage(escape(message));
            record.setParameters(null);
        }
        if (record.getThrown() != null) {
            record.setThrown(withoutMessages(record.getThrown(), 0));
        }
        return true;
    }

    static String escape(String message) {
        if (message == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(message.length(), MAX_MESSAGE) + 16);
        for (int i = 0; i < message.length() && out.length() < MAX_MESSAGE; i++) {
            char c = message.charAt(i);
            if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append(' ');
            } else if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (out.length() >= MAX_MESSAGE) {
            out.append("... (cut)");
        }
        return out.toString();
    }

    /** The same chain of causes, by type and frames only. */
    static Throwable withoutMessages(Throwable t, int depth) {
        Throwable cause = t.getCause() != null && t.getCause() != t && depth < 8
                ? withoutMessages(t.getCause(), depth + 1) : null;
        Throwable copy = new Redacted(t.getClass().getName(), cause);
        copy.setStackTrace(t.getStackTrace());
        return copy;
    }

    /** Prints as the original type, without its message. */
    static final class Redacted extends Throwable {
        private final String type;

        Redacted(String type, Throwable cause) {
            super(null, cause, false, true);
            this.type = type;
        }

        @Override
        public String toString() {
            return type + " (message not logged)";
        }
    }
}
