package io.turnout.cloud.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * The {@code kind: SimulatedWorld} YAML file: reads one into a {@link SimulatedCloud} and
 * writes a cloud back, so that {@code read(write(cloud))} shows the same state through every
 * gateway call (services come back steady on their current task definition).
 *
 * <p>Format (all lists optional): {@code spec.simulation} {taskStartDelay, healthCheckDelay,
 * dnsChangeDelay}; {@code spec.regions[]} {account (quoted 12 digits), region, clusters[],
 * targetGroups[] {name, port, protocol, targetType=ip}, loadBalancers[] {name,
 * type=application, listeners[] {port, protocol, defaultTargetGroup?, rules[] {priority,
 * pathPattern, targetGroup}}}, hostedZones[] {name, private, records[] {name, type, ttl,
 * values[], setIdentifier?, weight?}}, cloudMap.namespaces[] {name, type=DNS_PRIVATE,
 * services[]}, taskDefinitions[] (as DescribeTaskDefinition returns them, with revision; or a
 * RegisterTaskDefinition request, registered with AWS's defaults; optional tags[] {key,
 * value}), services[] {name, cluster, status=ACTIVE, taskDefinition (family:revision or ARN),
 * desiredCount, loadBalancers[] {targetGroup, containerName, containerPort},
 * serviceRegistries[] {namespace, service}, tags {k: v}, settings {CreateService fields}},
 * scalableTargets[] {resourceId, minCapacity, maxCapacity}, scalingPolicies[] {policyName,
 * resourceId, policyType, configuration}, alarms[] {name, state=OK, reason?, changes[] {at
 * (ISO-8601 instant), state, reason?}}: CloudWatch alarms and the states they take at given times}.
 */
public final class WorldFile {
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private WorldFile() {}

    public static SimulatedCloud read(Path file, InstantSource clock) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new WorldFileException(file + ": cannot read the world file: " + e.getMessage(), e);
        }
        return read(text, file.toString(), clock);
    }

    /** @param fileName used in error messages only */
    public static SimulatedCloud read(String yaml, String fileName, InstantSource clock) {
        JsonNode doc;
        try {
            doc = YAML.readTree(yaml);
        } catch (JacksonException e) {
            throw new WorldFileException(fileName + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (doc == null || doc.isMissingNode() || doc.isNull()) {
            throw new WorldFileException(fileName + ": empty; expected a document with kind: SimulatedWorld");
        }
        return new WorldReader(fileName).read(doc, clock);
    }

    /** The {@code metadata.name} of a world file (to write it back under the same name), or "world". */
    public static String name(Path file) {
        try {
            return YAML.readTree(Files.readString(file, StandardCharsets.UTF_8)).path("metadata").path("name")
                    .asString("world");
        } catch (IOException | JacksonException e) {
            throw new WorldFileException(file + ": cannot read the world file: " + e.getMessage(), e);
        }
    }

    /** The cloud as world-file YAML; {@code name} goes to {@code metadata.name}. */
    public static String write(SimulatedCloud cloud, String name) {
        return YAML.writeValueAsString(new WorldWriter().write(cloud, name));
    }

    public static void write(SimulatedCloud cloud, String name, Path file) throws IOException {
        Files.writeString(file, write(cloud, name), StandardCharsets.UTF_8);
    }
}
