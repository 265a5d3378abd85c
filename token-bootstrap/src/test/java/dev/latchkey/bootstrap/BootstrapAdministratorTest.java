package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.latchkey.adapter.persistence.InMemoryH2Database;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Bad bootstrap settings stop the start-up with a message that names the problem, never the password. */
class BootstrapAdministratorTest {

    private static ApplicationContext start(String username, String password) {
        Map<String, Object> properties = new HashMap<>();
        properties.putAll(new InMemoryH2Database().start());
        if (username != null) {
            properties.put(BootstrapAdministrator.USERNAME_PROPERTY, username);
        }
        if (password != null) {
            properties.put(BootstrapAdministrator.PASSWORD_PROPERTY, password);
        }
        return ApplicationContext.run(properties);
    }

    @Test
    void aShortPasswordStopsStartUpWithoutRevealingIt() {
        assertThatThrownBy(() -> start("admin", "hunter2").close())
                .hasStackTraceContaining("bootstrap administrator is invalid")
                .hasStackTraceContaining("password")
                .satisfies(failure -> org.assertj.core.api.Assertions.assertThat(stackTraceOf(failure))
                        .doesNotContain("hunter2"));
    }

    @Test
    void aUsernameWithoutAPasswordStopsStartUp() {
        assertThatThrownBy(() -> start("admin", null).close())
                .hasStackTraceContaining("LATCHKEY_BOOTSTRAP_ADMIN_PASSWORD");
    }

    @Test
    void noSettingsAtAllStartsWithoutAnAdministrator() {
        try (ApplicationContext context = start(null, null)) {
            org.assertj.core.api.Assertions.assertThat(
                    context.getBean(dev.latchkey.application.port.out.LoadAccountPort.class).anyAccountExists()).isFalse();
        }
    }

    private static String stackTraceOf(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }
}
