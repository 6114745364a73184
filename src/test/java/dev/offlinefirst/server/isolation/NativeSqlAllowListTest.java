package dev.offlinefirst.server.isolation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Hibernate's row filters do not touch native SQL: every method that runs SQL past them must be on
 * {@code native-sql.allow-list} with how it is scoped to the viewer, so a new unscoped statement
 * cannot slip in unnoticed (and an entry whose method went away cannot linger).
 */
class NativeSqlAllowListTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/offlinefirst/server");
    private static final Pattern RAW_SQL = Pattern.compile("createNativeQuery\\(|preparedQuery\\(|\\.query\\(");
    private static final Pattern METHOD = Pattern.compile(
            "^    (?! )(?:(?:public|private|protected|static|final|synchronized|default)\\s+)*(?:<[^>]+>\\s+)?"
                    + "[\\w<>\\[\\],.?]+(?:<[^>]*>)?\\s+(\\w+)\\s*\\(");
    private static final Set<String> NOT_METHODS = Set.of("if", "for", "while", "switch", "catch", "return", "new");

    @Test
    void everyMethodRunningRawSqlIsListedWithItsScope() throws IOException {
        Set<String> found = methodsRunningRawSql();
        Properties allowed = new Properties();
        try (InputStream list = getClass().getResourceAsStream("/native-sql.allow-list")) {
            allowed.load(list);
        }
        assertTrue(found.size() > 20, "the scan found too few methods: " + found);
        Set<String> unlisted = new TreeSet<>(found);
        unlisted.removeAll(allowed.stringPropertyNames());
        assertEquals(Set.of(), unlisted, "SQL past the row filters without an entry saying how it is scoped to the viewer");
        Set<String> stale = new TreeSet<>(allowed.stringPropertyNames());
        stale.removeAll(found);
        assertEquals(Set.of(), stale, "allow-list entries whose method no longer runs raw SQL");
        allowed.forEach((method, scope) -> assertTrue(!scope.toString().isBlank(), method + " says nothing of its scope"));
    }

    private static Set<String> methodsRunningRawSql() throws IOException {
        Set<String> found = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String type = SOURCES.relativize(file).toString().replace('/', '.').replaceAll("\\.java$", "");
                String method = null;
                List<String> lines = Files.readAllLines(file);
                for (String line : lines) {
                    Matcher declaration = METHOD.matcher(line);
                    if (declaration.find() && !NOT_METHODS.contains(declaration.group(1))) {
                        method = declaration.group(1);
                    }
                    if (RAW_SQL.matcher(line).find()) {
                        found.add(type + "." + method);
                    }
                }
            }
        }
        return found;
    }
}
