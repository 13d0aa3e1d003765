package io.turnout.deploy;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Consistency of a CloudFormation template (as {@link CfnYaml} reads it) without calling AWS:
 * what {@code aws cloudformation validate-template} and a first deployment would otherwise
 * find late. Every {@code Ref}, {@code Fn::GetAtt} and {@code ${…}} of {@code Fn::Sub} names a
 * parameter, resource, pseudo parameter or Sub variable that exists; every condition used is
 * defined and every one defined is used; parameters are used; resources have their type's
 * required properties and outputs a value. {@link #problems()} lists what is wrong, one line each.
 */
final class CloudFormationCheck {
    static final Set<String> SECTIONS = Set.of("AWSTemplateFormatVersion", "Description", "Metadata", "Parameters",
            "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs");
    static final Set<String> RESOURCE_KEYS = Set.of("Type", "Properties", "Condition", "DependsOn", "Metadata",
            "DeletionPolicy", "UpdateReplacePolicy", "CreationPolicy", "UpdatePolicy");
    static final Set<String> PSEUDO_PARAMETERS = Set.of("AWS::AccountId", "AWS::NotificationARNs", "AWS::NoValue",
            "AWS::Partition", "AWS::Region", "AWS::StackId", "AWS::StackName", "AWS::URLSuffix");

    /** Required properties of the resource types the templates use (CloudFormation resource reference). */
    static final Map<String, List<String>> REQUIRED_PROPERTIES = Map.ofEntries(
            Map.entry("AWS::ECS::Cluster", List.of()),
            Map.entry("AWS::ECS::Service", List.of()),
            Map.entry("AWS::ECS::TaskDefinition", List.of()),
            Map.entry("AWS::Logs::LogGroup", List.of()),
            Map.entry("AWS::IAM::Role", List.of("AssumeRolePolicyDocument")),
            Map.entry("AWS::IAM::ManagedPolicy", List.of("PolicyDocument")),
            Map.entry("AWS::IAM::Policy", List.of("PolicyDocument", "PolicyName")),
            Map.entry("AWS::EC2::SecurityGroup", List.of("GroupDescription")),
            Map.entry("AWS::EC2::SecurityGroupIngress", List.of("IpProtocol")));

    /** Required members of list-valued properties: type -> property -> members each item needs. */
    static final Map<String, Map<String, List<String>>> REQUIRED_ITEM_PROPERTIES = Map.of(
            "AWS::ECS::TaskDefinition", Map.of("ContainerDefinitions", List.of("Name", "Image")),
            "AWS::EC2::SecurityGroup", Map.of("SecurityGroupIngress", List.of("IpProtocol")));

    /** Fn::GetAtt attributes of those types. */
    static final Map<String, Set<String>> ATTRIBUTES = Map.ofEntries(
            Map.entry("AWS::ECS::Cluster", Set.of("Arn")),
            Map.entry("AWS::ECS::Service", Set.of("Name", "ServiceArn")),
            Map.entry("AWS::ECS::TaskDefinition", Set.of("TaskDefinitionArn")),
            Map.entry("AWS::Logs::LogGroup", Set.of("Arn")),
            Map.entry("AWS::IAM::Role", Set.of("Arn", "RoleId")),
            Map.entry("AWS::IAM::ManagedPolicy", Set.of("PolicyArn", "PolicyId")),
            Map.entry("AWS::IAM::Policy", Set.of("Id")),
            Map.entry("AWS::EC2::SecurityGroup", Set.of("GroupId", "VpcId")),
            Map.entry("AWS::EC2::SecurityGroupIngress", Set.of("Id")));

    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    private final Map<String, Object> parameters;
    private final Map<String, Object> conditions;
    private final Map<String, Object> resources;
    private final List<String> problems = new ArrayList<>();
    private final Set<String> usedParameters = new LinkedHashSet<>();
    private final Set<String> usedConditions = new LinkedHashSet<>();

    private CloudFormationCheck(Map<String, Object> template) {
        this.parameters = section(template, "Parameters");
        this.conditions = section(template, "Conditions");
        this.resources = section(template, "Resources");
        for (String key : template.keySet()) {
            if (!SECTIONS.contains(key)) problems.add("unknown top-level section " + key);
        }
        if (resources.isEmpty()) problems.add("no Resources");
        conditions.forEach((name, expr) -> walk(expr, "Conditions/" + name, Scope.CONDITIONS, Map.of()));
        section(template, "Rules").forEach((name, rule) -> walk(rule, "Rules/" + name, Scope.RULES, Map.of()));
        resources.forEach(this::checkResource);
        section(template, "Outputs").forEach(this::checkOutput);
        for (String p : parameters.keySet()) {
            if (!usedParameters.contains(p)) problems.add("Parameters/" + p + ": never used; remove it or use it");
        }
        for (String c : conditions.keySet()) {
            if (!usedConditions.contains(c)) problems.add("Conditions/" + c + ": never used; remove it or use it");
        }
    }

    /** Checks a parsed template. */
    static CloudFormationCheck of(Map<String, Object> template) {
        return new CloudFormationCheck(template);
    }

    List<String> problems() {
        return List.copyOf(problems);
    }

    /** Where a reference appears: conditions and rules may only refer to parameters. */
    private enum Scope { CONDITIONS, RULES, RESOURCES }

    private void checkResource(String name, Object value) {
        String at = "Resources/" + name;
        if (!(value instanceof Map<?, ?> resource)) {
            problems.add(at + ": not a mapping");
            return;
        }
        for (Object key : resource.keySet()) {
            if (!RESOURCE_KEYS.contains(key)) problems.add(at + ": unknown attribute " + key);
        }
        Object type = resource.get("Type");
        if (!(type instanceof String t)) {
            problems.add(at + ": no Type");
            return;
        }
        useCondition(resource.get("Condition"), at + "/Condition");
        Object dependsOn = resource.get("DependsOn");
        for (Object d : dependsOn instanceof List<?> l ? l : dependsOn == null ? List.of() : List.of(dependsOn)) {
            if (!resources.containsKey(String.valueOf(d))) problems.add(at + "/DependsOn: no resource " + d);
        }
        Map<?, ?> properties = resource.get("Properties") instanceof Map<?, ?> p ? p : Map.of();
        List<String> required = REQUIRED_PROPERTIES.get(t);
        if (required == null) {
            problems.add(at + ": type " + t + " is not in REQUIRED_PROPERTIES; add its required properties there");
        } else {
            for (String property : required) {
                if (!properties.containsKey(property)) problems.add(at + ": " + t + " requires property " + property);
            }
        }
        REQUIRED_ITEM_PROPERTIES.getOrDefault(t, Map.of()).forEach((property, members) -> {
            if (properties.get(property) instanceof List<?> items) {
                for (int i = 0; i < items.size(); i++) {
                    if (!(items.get(i) instanceof Map<?, ?> item) || isIntrinsic(item)) continue;
                    for (String member : members) {
                        if (!item.containsKey(member)) {
                            problems.add(at + "/Properties/" + property + "/" + i + ": requires " + member);
                        }
                    }
                }
            }
        });
        walk(resource.get("Properties"), at + "/Properties", Scope.RESOURCES, Map.of());
        walk(resource.get("Metadata"), at + "/Metadata", Scope.RESOURCES, Map.of());
    }

    private void checkOutput(String name, Object value) {
        String at = "Outputs/" + name;
        if (!(value instanceof Map<?, ?> output) || !output.containsKey("Value")) {
            problems.add(at + ": no Value");
            return;
        }
        useCondition(output.get("Condition"), at + "/Condition");
        walk(output, at, Scope.RESOURCES, Map.of());
    }

    private void useCondition(Object name, String at) {
        if (name == null) return;
        if (!conditions.containsKey(String.valueOf(name))) problems.add(at + ": no condition " + name);
        usedConditions.add(String.valueOf(name));
    }

    private static boolean isIntrinsic(Map<?, ?> map) {
        return map.size() == 1 && map.keySet().iterator().next() instanceof String k
                && (k.equals("Ref") || k.startsWith("Fn::") || k.equals("Condition"));
    }

    /** Visits every value below {@code value}, checking each intrinsic function found. */
    private void walk(Object value, String at, Scope scope, Map<String, Object> subVariables) {
        switch (value) {
            case Map<?, ?> map when isIntrinsic(map) -> {
                String function = (String) map.keySet().iterator().next();
                Object argument = map.get(function);
                checkFunction(function, argument, at + "/" + function, scope);
                walk(argument, at + "/" + function, scope, subVariables);
            }
            case Map<?, ?> map -> map.forEach((k, v) -> walk(v, at + "/" + k, scope, subVariables));
            case List<?> list -> {
                for (int i = 0; i < list.size(); i++) walk(list.get(i), at + "/" + i, scope, subVariables);
            }
            case null, default -> { }
        }
    }

    private void checkFunction(String function, Object argument, String at, Scope scope) {
        switch (function) {
            case "Ref" -> ref(String.valueOf(argument), at, scope);
            case "Condition" -> {
                if (scope == Scope.CONDITIONS) useCondition(argument, at);
                // elsewhere "Condition" is a property name that happens to hold a string, e.g. an IAM Condition block
            }
            case "Fn::GetAtt" -> {
                if (argument instanceof List<?> l && l.size() == 2) getAtt(String.valueOf(l.get(0)), String.valueOf(l.get(1)), at);
                else problems.add(at + ": expected [Resource, Attribute], got " + argument);
            }
            case "Fn::Sub" -> sub(argument, at, scope);
            case "Fn::If" -> {
                if (argument instanceof List<?> l && l.size() == 3) useCondition(l.getFirst(), at + "/0");
                else problems.add(at + ": expected [Condition, ValueIfTrue, ValueIfFalse], got " + argument);
            }
            case "Fn::Equals" -> {
                if (!(argument instanceof List<?> l && l.size() == 2)) problems.add(at + ": expected two values");
            }
            case "Fn::Select" -> {
                if (!(argument instanceof List<?> l && l.size() == 2)) problems.add(at + ": expected [Index, List]");
            }
            case "Fn::Join" -> {
                if (!(argument instanceof List<?> l && l.size() == 2 && l.getFirst() instanceof String)) {
                    problems.add(at + ": expected [Delimiter, List]");
                }
            }
            case "Fn::Not" -> {
                if (!(argument instanceof List<?> l && l.size() == 1)) problems.add(at + ": expected [Condition]");
            }
            case "Fn::And", "Fn::Or" -> {
                if (!(argument instanceof List<?> l && l.size() >= 2 && l.size() <= 10)) problems.add(at + ": expected 2 to 10 conditions");
            }
            default -> { }
        }
    }

    private void ref(String name, String at, Scope scope) {
        if (parameters.containsKey(name)) {
            usedParameters.add(name);
        } else if (PSEUDO_PARAMETERS.contains(name)) {
            // always there
        } else if (resources.containsKey(name)) {
            if (scope != Scope.RESOURCES) problems.add(at + ": " + scope.name().toLowerCase() + " may only refer to parameters, not resource " + name);
        } else {
            problems.add(at + ": " + name + " is no parameter, resource or pseudo parameter");
        }
    }

    private void getAtt(String resource, String attribute, String at) {
        Object r = resources.get(resource);
        if (!(r instanceof Map<?, ?> map)) {
            problems.add(at + ": no resource " + resource);
            return;
        }
        Set<String> known = ATTRIBUTES.get(String.valueOf(map.get("Type")));
        if (known != null && !known.contains(attribute)) {
            problems.add(at + ": " + map.get("Type") + " has no attribute " + attribute + " (it has " + known + ")");
        }
    }

    private void sub(Object argument, String at, Scope scope) {
        String text;
        Map<?, ?> variables = Map.of();
        if (argument instanceof String s) {
            text = s;
        } else if (argument instanceof List<?> l && l.size() == 2 && l.get(0) instanceof String s && l.get(1) instanceof Map<?, ?> v) {
            text = s;
            variables = v;
        } else {
            problems.add(at + ": expected a string or [String, {Variables}]");
            return;
        }
        Matcher m = SUB_VARIABLE.matcher(text);
        while (m.find()) {
            String name = m.group(1).trim();
            if (name.startsWith("!")) continue; // ${!Literal} is a literal "${Literal}"
            if (variables.containsKey(name)) continue;
            int dot = name.indexOf('.');
            if (dot > 0 && !PSEUDO_PARAMETERS.contains(name) && resources.containsKey(name.substring(0, dot))) {
                getAtt(name.substring(0, dot), name.substring(dot + 1), at);
            } else {
                ref(name, at + " ${" + name + "}", scope);
            }
        }
    }

    private static Map<String, Object> section(Map<String, Object> template, String name) {
        Object value = template.get(name);
        if (value == null) return Map.of();
        if (!(value instanceof Map<?, ?>)) throw new IllegalArgumentException(name + " is not a mapping");
        @SuppressWarnings("unchecked")
        Map<String, Object> map = (Map<String, Object>) value;
        return map;
    }
}
