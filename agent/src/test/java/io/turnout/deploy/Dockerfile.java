package io.turnout.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A Dockerfile read the way BuildKit reads one: parser directives and comments dropped,
 * backslash-continued lines joined, instructions grouped into stages by {@code FROM}.
 *
 * @param stages in file order; the last one is the image
 */
record Dockerfile(List<Stage> stages) {
    static final java.nio.file.Path PATH = DeployFiles.deploy("Dockerfile");

    /** One {@code FROM … [AS name]} and the instructions up to the next. */
    record Stage(String base, Optional<String> name, List<Instruction> instructions) {
        List<Instruction> all(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
        }

        Optional<Instruction> last(String keyword) {
            List<Instruction> found = all(keyword);
            return found.isEmpty() ? Optional.empty() : Optional.of(found.getLast());
        }
    }

    /** An instruction, keyword upper case, arguments as written (continuations joined). */
    record Instruction(String keyword, String arguments, int line) {
        /** The exec form {@code ["a", "b"]} as a list; empty for the shell form. */
        List<String> execForm() {
            if (!arguments.startsWith("[")) return List.of();
            JsonNode array = JsonMapper.builder().build().readTree(arguments);
            List<String> out = new ArrayList<>();
            array.forEach(n -> out.add(n.asString()));
            return out;
        }
    }

    static Dockerfile read() {
        return parse(DeployFiles.read(PATH));
    }

    static Dockerfile parse(String text) {
        List<Stage> stages = new ArrayList<>();
        List<Instruction> current = null;
        String[] lines = text.split("\n", -1);
        StringBuilder pending = new StringBuilder();
        int startLine = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].stripTrailing();
            String trimmed = line.strip();
            // Comments (and parser directives, which look like comments) are dropped even inside a continuation.
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && pending.isEmpty())) continue;
            if (pending.isEmpty()) startLine = i + 1;
            if (line.endsWith("\\")) {
                pending.append(line, 0, line.length() - 1).append(' ');
                continue;
            }
            pending.append(line);
            String instruction = pending.toString().strip();
            pending.setLength(0);
            if (instruction.isEmpty()) continue;
            String[] parts = instruction.split("\\s+", 2);
            Instruction parsed = new Instruction(parts[0].toUpperCase(Locale.ROOT),
                    parts.length > 1 ? parts[1].strip().replaceAll("\\s+", " ") : "", startLine);
            if (parsed.keyword().equals("FROM")) {
                String[] from = parsed.arguments().split(" ");
                int at = from[0].startsWith("--platform") ? 1 : 0;
                Optional<String> name = from.length >= at + 3 && from[at + 1].equalsIgnoreCase("AS")
                        ? Optional.of(from[at + 2]) : Optional.empty();
                current = new ArrayList<>();
                stages.add(new Stage(from[at], name, current));
            } else if (current == null) {
                if (!parsed.keyword().equals("ARG")) {
                    throw new IllegalArgumentException("line " + startLine + ": " + parsed.keyword() + " before the first FROM");
                }
            } else {
                current.add(parsed);
            }
        }
        return new Dockerfile(stages.stream()
                .map(s -> new Stage(s.base(), s.name(), List.copyOf(s.instructions()))).toList());
    }

    Stage image() {
        return stages.getLast();
    }

    /** The command of the final stage's {@code HEALTHCHECK … CMD <command>} (shell form). */
    String healthCheckCommand() {
        String args = image().last("HEALTHCHECK").orElseThrow(() -> new IllegalStateException("no HEALTHCHECK")).arguments();
        int cmd = args.indexOf("CMD ");
        if (cmd < 0) throw new IllegalStateException("HEALTHCHECK without CMD: " + args);
        return args.substring(cmd + 4).strip();
    }
}
