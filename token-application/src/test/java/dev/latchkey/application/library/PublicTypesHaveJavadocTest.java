package dev.latchkey.application.library;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;

/**
 * The domain and the application are a library others build on, so every type they make public says what it is
 * for. Parsed with the compiler's own tree API: a member type of an interface is public without saying so.
 */
class PublicTypesHaveJavadocTest {

    private static final Path DOMAIN = Path.of("..", "token-domain", "src", "main", "java");
    private static final Path APPLICATION = Path.of("src", "main", "java");

    @Test
    void everyPublicTypeOfTheDomainAndTheApplicationHasJavadoc() throws IOException {
        List<String> undocumented = new ArrayList<>();
        undocumented.addAll(undocumentedPublicTypes(DOMAIN));
        undocumented.addAll(undocumentedPublicTypes(APPLICATION));
        assertThat(undocumented).as("public types without a Javadoc comment").isEmpty();
    }

    @Test
    void aPublicTypeWithoutJavadocIsFound() throws IOException {
        Path sources = Files.createTempDirectory("javadoc-check");
        Files.writeString(sources.resolve("Example.java"), """
                /** Documented. */
                public interface Example {
                    record Undocumented(int value) {
                    }

                    /** Documented. */
                    record Documented(int value) {
                    }
                }
                """);
        assertThat(undocumentedPublicTypes(sources)).containsExactly("Example.Undocumented");
    }

    static List<String> undocumentedPublicTypes(Path sourceRoot) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(sourceRoot)) {
            files = walk.filter(path -> path.toString().endsWith(".java"))
                    .filter(path -> !path.getFileName().toString().equals("package-info.java")).toList();
        }
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> undocumented = new ArrayList<>();
        try (StandardJavaFileManager fileManager = compiler.getStandardFileManager(null, null, null)) {
            JavacTask task = (JavacTask) compiler.getTask(null, fileManager, null, List.of("-proc:none"), null,
                    fileManager.getJavaFileObjectsFromPaths(files));
            DocTrees docTrees = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, String>() {
                    @Override
                    public Void visitClass(ClassTree type, String enclosingName) {
                        String name = enclosingName.isEmpty() ? type.getSimpleName().toString()
                                : enclosingName + "." + type.getSimpleName();
                        TreePath path = getCurrentPath();
                        if (isPublic(type, path) && docTrees.getDocCommentTree(path) == null) {
                            undocumented.add(name);
                        }
                        return super.visitClass(type, name);
                    }
                }.scan(unit, "");
            }
        }
        return undocumented;
    }

    private static boolean isPublic(ClassTree type, TreePath path) {
        if (type.getModifiers().getFlags().contains(Modifier.PRIVATE)) {
            return false;
        }
        Tree enclosing = path.getParentPath().getLeaf();
        boolean inInterface = enclosing instanceof ClassTree outer
                && (outer.getKind() == Tree.Kind.INTERFACE || outer.getKind() == Tree.Kind.ANNOTATION_TYPE);
        boolean visible = type.getModifiers().getFlags().contains(Modifier.PUBLIC) || inInterface;
        if (!visible) {
            return false;
        }
        for (TreePath outer = path.getParentPath(); outer != null; outer = outer.getParentPath()) {
            if (outer.getLeaf() instanceof ClassTree outerType && !isPublic(outerType, outer)) {
                return false;
            }
        }
        return true;
    }
}
