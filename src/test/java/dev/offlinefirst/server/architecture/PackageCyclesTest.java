package dev.offlinefirst.server.architecture;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The application's packages depend on each other without cycles: a feature can be read, changed and
 * tested from the packages below it alone. A dependency is any mention of another package's class in
 * a source file (imports, qualified names, javadoc links).
 */
class PackageCyclesTest {

    private static final Path SOURCES = Path.of("src", "main", "java", "dev", "offlinefirst", "server");
    private static final Pattern MENTION = Pattern.compile("dev\\.offlinefirst\\.server\\.([a-z]+)\\.([A-Z]\\w*)");

    @Test
    void noPackageDependsOnItselfThroughAnother() {
        Map<String, Map<String, Set<String>>> uses = dependencies();
        List<String> cycles = new ArrayList<>();
        for (Set<String> component : stronglyConnected(uses)) {
            if (component.size() > 1) {
                StringBuilder cycle = new StringBuilder(String.join(", ", component)).append(':');
                for (String from : component) {
                    uses.getOrDefault(from, Map.of()).forEach((to, why) -> {
                        if (component.contains(to)) {
                            cycle.append("\n  ").append(from).append(" -> ").append(to).append(' ').append(why);
                        }
                    });
                }
                cycles.add(cycle.toString());
            }
        }
        assertEquals(List.of(), cycles, "package cycles");
    }

    /** For each package, the packages it mentions, each with the classes that mention them. */
    private static Map<String, Map<String, Set<String>>> dependencies() {
        Map<String, Map<String, Set<String>>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            files.filter(file -> file.toString().endsWith(".java")).forEach(file -> {
                String from = SOURCES.relativize(file.getParent()).toString().replace('/', '.');
                String name = file.getFileName().toString().replace(".java", "");
                Matcher mention = MENTION.matcher(read(file));
                while (mention.find()) {
                    String to = mention.group(1);
                    if (!to.equals(from)) {
                        uses.computeIfAbsent(from, p -> new TreeMap<>()).computeIfAbsent(to, p -> new TreeSet<>())
                                .add(name + "->" + mention.group(2));
                    }
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    /** Tarjan's strongly connected components of the package graph. */
    private static List<Set<String>> stronglyConnected(Map<String, Map<String, Set<String>>> uses) {
        Map<String, Integer> index = new HashMap<>();
        Map<String, Integer> low = new HashMap<>();
        Deque<String> stack = new ArrayDeque<>();
        Set<String> onStack = new TreeSet<>();
        List<Set<String>> components = new ArrayList<>();
        Set<String> nodes = new TreeSet<>(uses.keySet());
        uses.values().forEach(targets -> nodes.addAll(targets.keySet()));
        for (String node : nodes) {
            if (!index.containsKey(node)) {
                visit(node, uses, index, low, stack, onStack, components);
            }
        }
        return components;
    }

    private static void visit(String node, Map<String, Map<String, Set<String>>> uses, Map<String, Integer> index,
            Map<String, Integer> low, Deque<String> stack, Set<String> onStack, List<Set<String>> components) {
        index.put(node, index.size());
        low.put(node, index.get(node));
        stack.push(node);
        onStack.add(node);
        for (String next : uses.getOrDefault(node, Map.of()).keySet()) {
            if (!index.containsKey(next)) {
                visit(next, uses, index, low, stack, onStack, components);
                low.put(node, Math.min(low.get(node), low.get(next)));
            } else if (onStack.contains(next)) {
                low.put(node, Math.min(low.get(node), index.get(next)));
            }
        }
        if (low.get(node).equals(index.get(node))) {
            Set<String> component = new TreeSet<>();
            String member;
            do {
                member = stack.pop();
                onStack.remove(member);
                component.add(member);
            } while (!member.equals(node));
            components.add(component);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
