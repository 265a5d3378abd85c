package dev.latchkey.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noFields;
import static com.tngtech.archunit.library.Architectures.onionArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.type;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaMethod;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules of Latchkey's hexagon, stated for a root package so that they can be run both on the real code and on
 * the fixtures that prove each rule can fail.
 */
final class HexagonRules {

    /**
     * What the domain and application rings may use of the JDK: the language, collections, time, hashing and the
     * JDK's keyed cryptography (a webhook's HMAC signature is a rule of the domain, computed without I/O).
     */
    private static final String[] PURE_JDK = {
            "java.lang..", "java.util..", "java.time..", "java.math..", "java.nio..", "java.security..",
            "javax.crypto.."};

    private HexagonRules() {
    }

    static Map<String, ArchRule> forRoot(String root) {
        String domain = root + ".domain..";
        String application = root + ".application..";
        String portsIn = root + ".application.port.in";
        String portsOut = root + ".application.port.out";
        String services = root + ".application.service..";
        String adapters = root + ".adapter..";
        String bootstrap = root + ".bootstrap..";
        String wire = root + ".wire..";

        Map<String, ArchRule> rules = new LinkedHashMap<>();
        rules.put("rings depend inward only, every class in a ring", onionArchitecture()
                .domainModels(domain)
                .domainServices(root + ".application.port..")
                .applicationServices(services)
                .adapter("rest", root + ".adapter.rest..")
                .adapter("persistence", root + ".adapter.persistence..")
                .adapter("cli", root + ".adapter.cli..")
                // The bootstrap is the composition root: it may use every ring, and has a rule of its own below.
                .ignoreDependency(resideInAPackage(bootstrap), alwaysTrue())
                // The wire formats are a library the adapters share, on the domain; their own rule is below.
                .ignoreDependency(resideInAPackage(wire), alwaysTrue())
                .ensureAllClassesAreContainedInArchitectureIgnoring(bootstrap, wire));
        rules.put("adapters never import one another", slices().matching(root + ".adapter.(*)..")
                .should().notDependOnEachOther()
                .because("what two adapters share lives in the core or in the wire formats"));
        rules.put("the wire formats are plain Java on the domain, with no framework",
                classes().that().resideInAPackage(wire).should().onlyDependOnClassesThat()
                        .resideInAnyPackage(concat(PURE_JDK, domain, wire, "java.io..", "com.fasterxml.jackson.core..",
                                "jakarta.annotation..")));
        // java.net.URI parses and compares redirect URIs; it does no I/O, unlike the rest of its package.
        rules.put("the domain depends on the JDK only", classes().that().resideInAPackage(domain)
                .should().onlyDependOnClassesThat(resideInAnyPackage(concat(PURE_JDK, domain))
                        .or(type(java.net.URI.class)).or(type(java.net.URISyntaxException.class))));
        // The application passes the domain's URIs (a webhook endpoint's URL) to its ports, as values.
        rules.put("the application depends on the domain and the JDK only (no Micronaut, JDBC or adapter)",
                classes().that().resideInAPackage(application)
                        .should().onlyDependOnClassesThat(resideInAnyPackage(concat(PURE_JDK, domain, application))
                                .or(type(java.net.URI.class))));
        rules.put("adapters reach the core through ports only", noClasses().that().resideInAPackage(adapters)
                .should().dependOnClassesThat().resideInAPackage(services));
        rules.put("only the bootstrap knows the bootstrap", noClasses().that().resideOutsideOfPackage(bootstrap)
                .should().dependOnClassesThat().resideInAPackage(bootstrap));
        rules.put("inbound ports are named ...UseCase", classes().that().resideInAPackage(portsIn)
                .and().areInterfaces().and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("UseCase"));
        rules.put("outbound ports are named ...Port", classes().that().resideInAPackage(portsOut)
                .and().areInterfaces().and().areTopLevelClasses()
                .should().haveSimpleNameEndingWith("Port"));
        rules.put("services are package-private behind their use cases", classes().that().resideInAPackage(services)
                .and().areTopLevelClasses().and().doNotHaveSimpleName("LatchkeyServices")
                .should().notBePublic());
        // The adapter's own package holds what every aggregate shares (the one transaction among it); each
        // aggregate's package keeps its adapters to itself.
        rules.put("the store's adapters are package-private behind their ports",
                classes().that().resideInAPackage(root + ".adapter.persistence.*..")
                        .and().implement(resideInAPackage(portsOut))
                        .should().notBePublic()
                        .because("the rest of the service reaches the store through the ports alone"));
        String translates = root + ".adapter.persistence.TranslatesStoreFailures";
        String onEveryTokenCheck = root + ".adapter.persistence.OnEveryTokenCheck";
        // An adapter advised as a whole translates in every method; one that opted some methods out of the advice
        // (OnEveryTokenCheck) names the advice on each of the others, and none may be left out.
        rules.put("a store adapter advised method by method translates store failures in every port method",
                methods().that(implementAnOutboundPortMethod(portsOut))
                        .and().areDeclaredInClassesThat().resideInAPackage(root + ".adapter.persistence..")
                        .and().areDeclaredInClassesThat(haveAMethodAnnotatedWithEither(translates, onEveryTokenCheck))
                        .should().beAnnotatedWith(translates).orShould().beAnnotatedWith(onEveryTokenCheck)
                        .because("the core and the inbound adapters see the store's \"not now\" as"
                                + " StoreUnavailableException (a 503), never as a driver's exception (a 500)"));
        rules.put("no field injection", noFields().should().beAnnotatedWith("jakarta.inject.Inject")
                .orShould().beAnnotatedWith("javax.inject.Inject")
                .because("dependencies are constructor arguments, visible and final"));
        return rules;
    }

    /** A public method that implements a method of an interface in the outbound ports' package. */
    private static DescribedPredicate<JavaMethod> implementAnOutboundPortMethod(String portsOut) {
        return DescribedPredicate.describe("implement an outbound port's method", method ->
                method.getModifiers().contains(JavaModifier.PUBLIC)
                        && !method.getModifiers().contains(JavaModifier.STATIC)
                        && method.getOwner().getAllRawInterfaces().stream()
                        .filter(port -> port.getPackageName().equals(portsOut))
                        .anyMatch(port -> port.tryGetMethod(method.getName(), method.getRawParameterTypes().stream()
                                .map(JavaClass::getName).toArray(String[]::new)).isPresent()));
    }

    private static DescribedPredicate<JavaClass> haveAMethodAnnotatedWithEither(String first, String second) {
        return DescribedPredicate.describe("have a method annotated with @" + first + " or @" + second, owner ->
                owner.getMethods().stream().anyMatch(method -> method.isAnnotatedWith(first)
                        || method.isAnnotatedWith(second)));
    }

    private static String[] concat(String[] first, String... rest) {
        String[] all = new String[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
