package dev.latchkey.adapter.persistence.changelog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * At shutdown the connection pool can close before the change-log reader gives its connection back; Hikari's
 * proxy then throws a NullPointerException from {@code close()}. Giving back must not fail the shutdown for that.
 */
class JdbcChangeLogReaderTest {

    @Test
    void givingBackAConnectionWhosePoolIsClosedDoesNotFail() {
        ResultSet row = fake(ResultSet.class, (method, args) -> switch (method) {
            case "next" -> true;
            case "getLong" -> 7L;
            default -> null;
        });
        PreparedStatement query = fake(PreparedStatement.class, (method, args) ->
                method.equals("executeQuery") ? row : null);
        Connection connection = fake(Connection.class, (method, args) -> {
            if (method.equals("close")) {
                throw new NullPointerException("the pool is closed");
            }
            return method.equals("prepareStatement") ? query : null;
        });
        JdbcChangeLogReader reader = new JdbcChangeLogReader(fake(DataSource.class, (method, args) ->
                method.equals("getConnection") ? connection : null));
        assertThat(reader.head()).isEqualTo(7L);

        assertThatCode(reader::giveBack).doesNotThrowAnyException();
    }

    private interface Answer {
        Object answer(String method, Object[] args);
    }

    private static <T> T fake(Class<T> type, Answer answer) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
                (proxy, method, args) -> answer.answer(method.getName(), args)));
    }
}
