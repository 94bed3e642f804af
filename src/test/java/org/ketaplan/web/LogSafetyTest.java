package org.ketaplan.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.logging.Level;

import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/** No text in a log record can span lines, flood the file, or carry an exception's message. */
class LogSafetyTest {

    static ExtLogRecord record(String format, Object... params) {
        ExtLogRecord r = new ExtLogRecord(Level.INFO, format, ExtLogRecord.FormatStyle.PRINTF, "test");
        r.setParameters(params);
        return r;
    }

    @Test
    void clientTextCannotStartANewLogLine() {
        ExtLogRecord r = record("feedback for card %s", "x\nINFO  [org.ketaplan] FORGED\r\u2028\u001b[31m");
        assertThat(new LogSafety().isLoggable(r)).isTrue();
        assertThat(r.getFormattedMessage()).isEqualTo("feedback for card x\\nINFO  [org.ketaplan] FORGED\\r\\u2028\\u001b[31m")
                .doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void oneRecordCannotFloodTheFile() {
        ExtLogRecord r = record("%s", "a".repeat(1_000_000));
        new LogSafety().isLoggable(r);
        assertThat(r.getFormattedMessage()).hasSizeLessThan(LogSafety.MAX_MESSAGE + 20).endsWith("(cut)");
    }

    @Test
    void exceptionsKeepTypesAndFramesButNotMessages() {
        Exception failure = new IllegalStateException("GET https://ehr.example.org/fhir/Patient/patient-12345",
                new IllegalArgumentException("patient-12345 is not valid"));
        ExtLogRecord r = record("unexpected failure");
        r.setThrown(failure);
        new LogSafety().isLoggable(r);
        StringWriter printed = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString()).contains("java.lang.IllegalStateException", "java.lang.IllegalArgumentException",
                "LogSafetyTest.exceptionsKeepTypesAndFramesButNotMessages").doesNotContain("patient-12345");
    }
}
