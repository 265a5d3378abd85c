package dev.latchkey.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Proves that every rule can fail: a clean miniature hexagon passes them all, and adding one violating class to it
 * makes exactly the rule meant to catch it fail (and names the class).
 */
class HexagonRulesCanFailTest {

    private static final String FIXTURE = "dev.latchkey.architecture.fixture";
    private static final List<String> CLEAN = List.of(
            "domain.Widget", "application.port.in.BuildWidgetUseCase", "application.port.out.StoreWidgetPort",
            "application.service.BuildWidgetService", "adapter.rest.WidgetController",
            "adapter.persistence.widgets.WidgetStore", "adapter.persistence.widgets.WidgetStores",
            "adapter.persistence.TranslatesStoreFailures", "adapter.persistence.OnEveryTokenCheck",
            "adapter.cli.WidgetCommand", "wire.WidgetName",
            "adapter.rest.WidgetControllerParsing", "bootstrap.WidgetWiring");

    private static final Map<String, String> VIOLATION_CAUGHT_BY = Map.ofEntries(
            Map.entry("domain.DomainUsingJdbc", "the domain depends on the JDK only"),
            Map.entry("application.service.ServiceUsingMicronaut",
                    "the application depends on the domain and the JDK only (no Micronaut, JDBC or adapter)"),
            Map.entry("adapter.rest.RestReachingIntoPersistence", "rings depend inward only, every class in a ring"),
            Map.entry("stray.StrayClass", "rings depend inward only, every class in a ring"),
            Map.entry("adapter.cli.CommandUsingController", "adapters never import one another"),
            Map.entry("wire.WireUsingMicronaut",
                    "the wire formats are plain Java on the domain, with no framework"),
            Map.entry("adapter.rest.RestUsingService", "adapters reach the core through ports only"),
            Map.entry("adapter.rest.RestUsingBootstrap", "only the bootstrap knows the bootstrap"),
            Map.entry("application.port.in.WidgetBuilder", "inbound ports are named ...UseCase"),
            Map.entry("application.port.out.WidgetStorage", "outbound ports are named ...Port"),
            Map.entry("application.service.PublicService", "services are package-private behind their use cases"),
            Map.entry("adapter.persistence.widgets.PublicWidgetStore",
                    "the store's adapters are package-private behind their ports"),
            Map.entry("adapter.persistence.widgets.UntranslatedWidgetStore",
                    "a store adapter advised method by method translates store failures in every port method"),
            Map.entry("adapter.rest.FieldInjectedController", "no field injection"));

    private static JavaClasses importFixture(List<String> simpleNames) {
        return new ClassFileImporter().importClasses(simpleNames.stream().map(name -> {
            try {
                return Class.forName(FIXTURE + "." + name);
            } catch (ClassNotFoundException missing) {
                throw new IllegalStateException(missing);
            }
        }).toArray(Class<?>[]::new));
    }

    @Test
    void theCleanFixturePassesEveryRule() {
        JavaClasses clean = importFixture(CLEAN);

        HexagonRules.forRoot(FIXTURE).forEach((name, rule) ->
                assertThatCode(() -> rule.check(clean)).as(name).doesNotThrowAnyException());
    }

    @Test
    void everyRuleHasAViolationThatCatchesIt() {
        assertThat(VIOLATION_CAUGHT_BY.values()).containsAll(HexagonRules.forRoot(FIXTURE).keySet());
    }

    @TestFactory
    Stream<DynamicTest> eachViolationFailsItsRule() {
        Map<String, ArchRule> rules = HexagonRules.forRoot(FIXTURE);
        return VIOLATION_CAUGHT_BY.entrySet().stream().map(violation -> DynamicTest.dynamicTest(
                violation.getKey() + " breaks: " + violation.getValue(), () -> {
                    List<String> classes = new ArrayList<>(CLEAN);
                    classes.add(violation.getKey());
                    // PublicService stands in for the service a RestUsingService fixture reaches for.
                    if (violation.getKey().equals("adapter.rest.RestUsingService")) {
                        classes.add("application.service.PublicService");
                    }
                    EvaluationResult result = rules.get(violation.getValue()).evaluate(importFixture(classes));

                    assertThat(result.hasViolation()).as("rule '%s' must fail", violation.getValue()).isTrue();
                    String simpleName = violation.getKey().substring(violation.getKey().lastIndexOf('.') + 1);
                    assertThat(result.getFailureReport().toString()).contains(simpleName);
                }));
    }
}
