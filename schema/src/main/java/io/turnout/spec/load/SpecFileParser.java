package io.turnout.spec.load;

import io.turnout.spec.SourceLocation;
import io.turnout.spec.SpecProblem;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamFactory;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLAnchorReplayingFactory;
import tools.jackson.dataformat.yaml.YAMLReadFeature;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * Parses one YAML or JSON file into a single document with the position of every node.
 * Never throws for bad input: broken syntax, bad bytes, several documents, duplicate keys,
 * too deep nesting and alias bombs all come back as problems with a line and column.
 */
final class SpecFileParser {
    /** One parsed document, or the problems that prevented it. */
    record Result(ParsedDocument document, List<SpecProblem> problems) {
        Result {
            problems = List.copyOf(problems);
        }

        boolean ok() {
            return document != null && problems.isEmpty();
        }
    }

    private final SpecLimits limits;
    private final TokenStreamFactory yaml;
    private final TokenStreamFactory json;

    SpecFileParser(SpecLimits limits) {
        this.limits = limits;
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxNestingDepth())
                .maxDocumentLength(limits.maxFileBytes())
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
                .build();
        // The anchor-replaying factory expands YAML aliases (plain Jackson YAML would give the
        // alias name as a string). Expansion is bounded by maxNodesPerFile in TreeReader, so
        // an alias bomb stops after a bounded number of tokens instead of exhausting memory.
        this.yaml = YAMLAnchorReplayingFactory.builder()
                .loadSettings(LoadSettings.builder()
                        .setCodePointLimit((int) Math.min(Integer.MAX_VALUE, limits.maxFileBytes()))
                        .setMaxAliasesForCollections(limits.maxNodesPerFile())
                        .setAllowDuplicateKeys(false)
                        .build())
                .streamReadConstraints(constraints)
                // TreeReader detects duplicates itself, with both positions in the message
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                // "key:" with nothing after it is null in YAML, not "" (a quoted '' stays a string)
                .enable(YAMLReadFeature.EMPTY_STRING_AS_NULL)
                .build();
        this.json = JsonFactory.builder().streamReadConstraints(constraints)
                .disable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
    }

    Result parse(String path, byte[] bytes) {
        return switch (Utf8Text.decode(path, bytes)) {
            case Utf8Text.Invalid invalid -> new Result(null, List.of(invalid.problem()));
            case Utf8Text.Text text -> parseText(path, text.text());
        };
    }

    private Result parseText(String path, String text) {
        boolean isJson = path.endsWith(".json");
        TokenStreamFactory factory = isJson ? json : yaml;
        List<SpecProblem> problems = new ArrayList<>();
        SourcePositions positions = new SourcePositions(path);
        try (JsonParser parser = factory.createParser(ObjectReadContext.empty(), text)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                return new Result(null, List.of(new SpecProblem(new SourceLocation(path, 1, 1), "",
                        "the file is empty", "write a Turnout spec (apiVersion, kind, metadata, spec) or delete the file")));
            }
            TreeReader reader = new TreeReader(parser, positions, problems, limits);
            JsonNode root = reader.read(first);
            JsonToken next = parser.nextToken();
            if (next != null) {
                problems.add(new SpecProblem(at(path, parser.currentTokenLocation()), "",
                        "the file holds more than one YAML document",
                        "Turnout reads one document per file: move each document after '---' into a file of its own"));
            }
            return problems.isEmpty() ? new Result(new ParsedDocument(path, root, positions), List.of())
                    : new Result(null, problems);
        } catch (TreeReader.LimitExceeded e) {
            problems.add(new SpecProblem(e.location(), "", e.getMessage(), e.fix()));
            return new Result(null, problems);
        } catch (StreamConstraintsException e) {
            problems.add(new SpecProblem(at(path, e.getLocation()), "", "the document exceeds a parser limit: " + e.getOriginalMessage(),
                    "simplify the file (YAML aliases are expanded and counted; nesting is limited to "
                            + limits.maxNestingDepth() + " levels)"));
            return new Result(null, problems);
        } catch (JacksonException e) {
            problems.add(new SpecProblem(at(path, e.getLocation()), "",
                    (isJson ? "invalid JSON: " : "invalid YAML: ") + syntaxMessage(e.getOriginalMessage()),
                    isJson ? "fix the JSON syntax at this position" : "fix the YAML syntax at this position (check indentation, quotes and ':' after keys)"));
            return new Result(null, problems);
        }
    }

    static SourceLocation at(String path, TokenStreamLocation location) {
        if (location == null || location.getLineNr() <= 0) return new SourceLocation(path, 1, 1);
        return new SourceLocation(path, location.getLineNr(), Math.max(location.getColumnNr(), 1));
    }

    /**
     * SnakeYAML's messages span several lines: context, "in reader, line…", a source excerpt with
     * a caret, then the problem. The position is reported separately, so keep only the sentences.
     */
    static String syntaxMessage(String raw) {
        if (raw == null) return "unreadable input";
        List<String> sentences = new ArrayList<>();
        for (String line : raw.split("\\R")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0))) continue;
            sentences.add(line.strip());
        }
        return sentences.isEmpty() ? raw.strip() : String.join("; ", sentences);
    }
}
