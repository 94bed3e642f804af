package org.ketaplan.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.ketaplan.facts.Patient;

class LookupCachingClassLoaderTest {

    /** Records what reaches the application's class loader. */
    static final class CountingLoader extends ClassLoader {
        final List<String> asked = new ArrayList<>();

        CountingLoader() {
            super(LookupCachingClassLoaderTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }
    }

    @Test
    void aClassIsLookedUpOnceAndIsTheApplicationsOwn() throws Exception {
        CountingLoader app = new CountingLoader();
        ClassLoader cached = new LookupCachingClassLoader(app);

        assertThat(cached.loadClass(Patient.class.getName())).isSameAs(Patient.class);
        assertThat(cached.loadClass(Patient.class.getName())).isSameAs(Patient.class);

        assertThat(app.asked).containsExactly(Patient.class.getName());
    }

    @Test
    void aMissingClassIsLookedUpOnceAndStaysMissing() {
        CountingLoader app = new CountingLoader();
        ClassLoader cached = new LookupCachingClassLoader(app);
        String probe = Patient.class.getName() + "$ageYears";

        for (int i = 0; i < 3; i++) {
            assertThatThrownBy(() -> cached.loadClass(probe)).isInstanceOf(ClassNotFoundException.class);
        }

        assertThat(app.asked).containsExactly(probe);
    }
}
