package io.turnout.diff;

import static io.turnout.testing.Yaml.node;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class DifferTest {

    /** Each row: before, after, and the expected changes as "TYPE path". */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("equal documents", "{a: 1}", "{a: 1}", List.of()),
                Arguments.of("scalar modified", "{a: 1}", "{a: 2}", List.of("MODIFY t/a")),
                Arguments.of("key added", "{a: 1}", "{a: 1, b: 2}", List.of("ADD t/b")),
                Arguments.of("key removed", "{a: 1, b: 2}", "{a: 1}", List.of("REMOVE t/b")),
                Arguments.of("null is absent", "{a: 1, b: null}", "{a: 1}", List.of()),
                Arguments.of("numbers by value", "{a: 60.0}", "{a: 60}", List.of()),
                Arguments.of("nested path", "{a: {b: {c: x}}}", "{a: {b: {c: y}}}", List.of("MODIFY t/a/b/c")),
                Arguments.of("keys in alphabetical order", "{z: 1, a: 1}", "{z: 2, a: 2}",
                        List.of("MODIFY t/a", "MODIFY t/z")),
                Arguments.of("containers by name, not index",
                        "{containerDefinitions: [{name: web, image: a}, {name: log, image: l}]}",
                        "{containerDefinitions: [{name: log, image: l}, {name: web, image: b}]}",
                        List.of("MODIFY t/containerDefinitions[web]/image")),
                Arguments.of("inserted container is one addition",
                        "{containerDefinitions: [{name: web, image: a}]}",
                        "{containerDefinitions: [{name: envoy, image: e}, {name: web, image: a}]}",
                        List.of("ADD t/containerDefinitions[envoy]")),
                Arguments.of("environment variable by name",
                        "{environment: [{name: A, value: '1'}, {name: B, value: '2'}]}",
                        "{environment: [{name: B, value: '3'}, {name: A, value: '1'}]}",
                        List.of("MODIFY t/environment[B]/value")),
                Arguments.of("removed secret",
                        "{secrets: [{name: A, valueFrom: x}, {name: B, valueFrom: y}]}",
                        "{secrets: [{name: A, valueFrom: x}]}",
                        List.of("REMOVE t/secrets[B]")),
                Arguments.of("port mappings by containerPort",
                        "{portMappings: [{containerPort: 80, protocol: tcp}, {containerPort: 443, protocol: tcp}]}",
                        "{portMappings: [{containerPort: 443, protocol: tcp}, {containerPort: 80, protocol: udp}]}",
                        List.of("MODIFY t/portMappings[80]/protocol")),
                Arguments.of("scaling policies by PolicyName",
                        "{policies: [{PolicyName: cpu, T: 60}]}", "{policies: [{PolicyName: cpu, T: 70}]}",
                        List.of("MODIFY t/policies[cpu]/T")),
                Arguments.of("scalar lists change as a whole", "{subnets: [a, b]}", "{subnets: [a, c]}",
                        List.of("MODIFY t/subnets")),
                Arguments.of("duplicate keys fall back to whole list",
                        "{l: [{name: a, v: 1}, {name: a, v: 2}]}", "{l: [{name: a, v: 1}]}",
                        List.of("MODIFY t/l")),
                Arguments.of("type change", "{a: x}", "{a: {b: 1}}", List.of("MODIFY t/a")),
                Arguments.of("whole document added is one change", "null", "{a: 1}", List.of("ADD t")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void diffs(String why, String before, String after, List<String> expected) {
        List<String> actual = Differ.diff("t", node(before), node(after)).stream()
                .map(c -> c.type() + " " + c.path()).toList();
        assertEquals(expected, actual, why);
    }

    @Test
    void changeCarriesBothValues() {
        Change change = Differ.diff("t", node("{image: a}"), node("{image: b}")).getFirst();
        assertEquals(ChangeType.MODIFY, change.type());
        assertEquals("a", change.before().asString());
        assertEquals("b", change.after().asString());
        Change added = Differ.diff("t", node("{}"), node("{x: 1}")).getFirst();
        assertEquals(true, added.before().isMissingNode());
    }
}
