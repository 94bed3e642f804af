package org.ketaplan.ruleset;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.util.Collections;
import java.util.Iterator;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;

import org.junit.jupiter.api.Test;

/** Without a scenario gate wired in, no rule set serves: start-up fails instead of skipping the gate silently. */
class MandatoryGateTest {

    @Test
    void startUpFailsWithoutAGate() {
        RulesConfig config = new RulesConfig() {
            @Override
            public String dir() {
                return TestRules.RULES.toString();
            }

            @Override
            public boolean watch() {
                return false;
            }

            @Override
            public long watchDebounceMs() {
                return 200;
            }

            @Override
            public boolean checkUpload() {
                return false;
            }

            @Override
            public String snapshot() {
                return "none";
            }

            @Override
            public boolean warmUp() {
                return false;
            }
        };
        RuleBaseHolder holder = new RuleBaseHolder(config, new NoChecks());
        assertThatThrownBy(() -> holder.onStart(null)).isInstanceOf(RuleBaseException.class)
                .hasMessageContaining("no scenario gate is installed");
    }

    /** What CDI gives when no bean implements CandidateCheck. */
    static final class NoChecks implements Instance<CandidateCheck> {
        @Override
        public Instance<CandidateCheck> select(Annotation... qualifiers) {
            return this;
        }

        @Override
        public <U extends CandidateCheck> Instance<U> select(Class<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <U extends CandidateCheck> Instance<U> select(TypeLiteral<U> subtype, Annotation... qualifiers) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean isUnsatisfied() {
            return true;
        }

        @Override
        public boolean isAmbiguous() {
            return false;
        }

        @Override
        public void destroy(CandidateCheck instance) {
        }

        @Override
        public Handle<CandidateCheck> getHandle() {
            throw new UnsupportedOperationException();
        }

        @Override
        public Iterable<? extends Handle<CandidateCheck>> handles() {
            return Collections.emptyList();
        }

        @Override
        public CandidateCheck get() {
            throw new jakarta.enterprise.inject.UnsatisfiedResolutionException();
        }

        @Override
        public Iterator<CandidateCheck> iterator() {
            return Collections.emptyIterator();
        }
    }
}
