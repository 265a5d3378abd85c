package dev.latchkey.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.json.JsonMapper;
import org.junit.jupiter.api.Test;

/** The rules by which {@link DocumentedExamplesTest} holds a response to its documentation, each shown to bite. */
class DocumentedResponseTest {

    private final DocumentedResponse documented = new DocumentedResponse(JsonMapper.createDefault());

    @Test
    void aValueTheTextReliesOnMustBeTheOneShown() {
        assertThat(documented.compareBody("{\"active\":true,\"token_type\":\"Bearer\"}",
                "{\"active\":true,\"token_type\":\"Bearer\"}")).isEmpty();
        assertThat(documented.compareBody("{\"active\":true}", "{\"active\":false}")).isNotEmpty();
        assertThat(documented.compareBody("{\"error\":\"invalid_scope\"}", "{\"error\":\"invalid_grant\"}"))
                .isNotEmpty();
        assertThat(documented.compareBody("{\"expires_in\":300}", "{\"expires_in\":3600}")).isNotEmpty();
    }

    @Test
    void keysMustBeExactlyTheOnesShownUnlessABareEllipsisSaysThereAreMore() {
        assertThat(documented.compareBody("{\"a\":1}", "{\"a\":1,\"b\":2}")).isNotEmpty();
        assertThat(documented.compareBody("{\"a\":…,\"b\":2}", "{\"a\":[1],\"b\":2}")).isEmpty();
        assertThat(documented.compareBody("{\"a\":…,\"b\":2}", "{\"a\":[1],\"b\":3}")).isNotEmpty();
        assertThat(documented.compareBody("{\"a\":1,\"b\":2}", "{\"a\":1}")).isNotEmpty();
        assertThat(documented.compareBody("{\"a\":1,…}", "{\"a\":1,\"b\":2}")).isEmpty();
        assertThat(documented.compareBody("{\"data\":[{\"id\":\"…\",…},…]}",
                "{\"data\":[{\"id\":\"x\",\"n\":1},{\"id\":\"y\"}]}")).isEmpty();
        assertThat(documented.compareBody("{\"data\":[1,2]}", "{\"data\":[1]}")).isNotEmpty();
    }

    @Test
    void idsTimesAndEllipsesStandForWhatChangesFromRunToRun() {
        assertThat(documented.compareBody(
                "{\"id\":\"0b5ad4a4-3f53-4c1c-9d3e-7f2a4b8d9e10\",\"at\":\"2026-11-25T15:44:44.139Z\","
                        + "\"token\":\"lk_…\",\"exp\":1795626960}",
                "{\"id\":\"9d4c7f0e-8a51-4a8e-b0b2-7d6a2f0c1e55\",\"at\":\"2027-01-02T03:04:05Z\","
                        + "\"token\":\"lk_abc\",\"exp\":1800000000}")).isEmpty();
        assertThat(documented.compareBody("{\"token\":\"lk_…\"}", "{\"token\":\"lkc_abc\"}")).isNotEmpty();
        assertThat(documented.compareBody("{\"id\":\"0b5ad4a4-3f53-4c1c-9d3e-7f2a4b8d9e10\"}", "{\"id\":\"x\"}"))
                .isNotEmpty();
        assertThat(documented.compareBody("{\"exp\":1795626960}", "{\"exp\":300}")).isNotEmpty();
    }

    @Test
    void anExchangeMustHaveTheStatusHeadersAndBodyShown() {
        String shown = "HTTP/1.1 200 OK\nCache-Control: no-store\n\n{\"active\":false}";
        assertThat(documented.compareExchange(shown,
                "HTTP/1.1 200 OK\r\ncache-control: no-store\r\nDate: x\r\n\r\n{\"active\":false}")).isEmpty();
        assertThat(documented.compareExchange(shown, "HTTP/1.1 400 Bad Request\r\ncache-control: no-store\r\n\r\n"
                + "{\"active\":false}")).isNotEmpty();
        assertThat(documented.compareExchange(shown, "HTTP/1.1 200 OK\r\n\r\n{\"active\":false}")).isNotEmpty();
        assertThat(documented.compareExchange(shown, "HTTP/1.1 200 OK\r\ncache-control: no-store\r\n\r\n"
                + "{\"active\":true}")).isNotEmpty();
    }
}
