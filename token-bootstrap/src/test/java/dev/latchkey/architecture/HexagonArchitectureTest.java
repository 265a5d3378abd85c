package dev.latchkey.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Map;
import java.util.stream.Stream;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/** Latchkey's own production classes, every module, held to the hexagon's rules. */
class HexagonArchitectureTest {

    private static final JavaClasses LATCHKEY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.latchkey");

    @Test
    void everyRingIsImportedSoNoRulePassesOnNothing() {
        assertThat(Stream.of("dev.latchkey.domain.Token", "dev.latchkey.application.port.in.IssueTokenUseCase",
                "dev.latchkey.application.service.LatchkeyServices", "dev.latchkey.adapter.rest.TokenController",
                "dev.latchkey.adapter.persistence.tokens.TokenPersistenceAdapter", "dev.latchkey.adapter.cli.LatchkeyCommand",
                "dev.latchkey.wire.StrictJson", "dev.latchkey.bootstrap.Application"))
                .allSatisfy(name -> assertThat(LATCHKEY.contain(name)).as(name).isTrue());
    }

    @TestFactory
    Stream<DynamicTest> latchkeyFollowsEveryRule() {
        return HexagonRules.forRoot("dev.latchkey").entrySet().stream().map((Map.Entry<String, ArchRule> rule) ->
                DynamicTest.dynamicTest(rule.getKey(), () -> rule.getValue().check(LATCHKEY)));
    }
}
