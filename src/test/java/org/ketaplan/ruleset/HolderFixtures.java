package org.ketaplan.ruleset;

import java.lang.annotation.Annotation;
import java.util.Iterator;
import java.util.List;

import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.util.TypeLiteral;

/** A RuleBaseHolder built without CDI: its configuration, and the gate CDI would give it. */
final class HolderFixtures {

    private HolderFixtures() {
    }

    /** No watcher, no warm-up; {@code snapshot} as ketaplan.rules.snapshot ("none", or a path). */
    static RulesConfig config(String dir, String snapshot) {
        return new RulesConfig() {
            @Override
            public String dir() {
                return dir;
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
                return snapshot;
            }

            @Override
            public boolean warmUp() {
                return false;
            }
        };
    }

    /** What CDI gives when exactly one bean implements CandidateCheck, or none ({@code check} null). */
    record Checks(CandidateCheck check) implements Instance<CandidateCheck> {
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
            return check == null;
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
            return List.of();
        }

        @Override
        public CandidateCheck get() {
            if (check == null) {
                throw new jakarta.enterprise.inject.UnsatisfiedResolutionException();
            }
            return check;
        }

        @Override
        public Iterator<CandidateCheck> iterator() {
            return check == null ? List.<CandidateCheck>of().iterator() : List.of(check).iterator();
        }
    }
}
