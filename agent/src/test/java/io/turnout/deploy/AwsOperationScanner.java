package io.turnout.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The AWS operations a package of compiled classes can call, found in the classes' constant
 * pools with the JDK's {@code java.lang.classfile} API. Reading the constant pool rather than
 * the invoke instructions also finds method references ({@code sts::getCallerIdentity}), which
 * compile to method handles of an {@code invokedynamic}, not to an invoke instruction.
 *
 * <p>An operation is a method of a service client interface
 * ({@code software.amazon.awssdk.services.<service>.<Name>Client}) returning
 * {@code <Operation>Response} (the operation is the method name in PascalCase) or a paginator
 * ({@code <operation>Paginator} returning {@code <Operation>Iterable}: the operation it pages).
 * Other client methods ({@code close}, {@code builder}, {@code serviceName} …) are not calls.
 * SDK classes that call AWS on Turnout's behalf (the STS role credentials provider) are listed
 * in {@link #CALLS_BY_SDK_CLASSES}.
 */
final class AwsOperationScanner {
    private static final Pattern CLIENT = Pattern.compile("software/amazon/awssdk/services/([a-z0-9]+)/[A-Za-z0-9]+Client");

    /** The IAM service prefix of each SDK service package (elbv2's is not its package name). */
    static final Map<String, String> IAM_PREFIX = Map.of(
            "ecs", "ecs",
            "elasticloadbalancingv2", "elasticloadbalancing",
            "route53", "route53",
            "servicediscovery", "servicediscovery",
            "applicationautoscaling", "application-autoscaling",
            "codedeploy", "codedeploy",
            "cloudwatch", "cloudwatch",
            "sts", "sts");

    /** SDK classes which, when used, make an AWS call themselves: class -> IAM action. */
    static final Map<String, String> CALLS_BY_SDK_CLASSES = Map.of(
            "software/amazon/awssdk/services/sts/auth/StsAssumeRoleCredentialsProvider", "sts:AssumeRole",
            "software/amazon/awssdk/services/sts/auth/StsAssumeRoleWithWebIdentityCredentialsProvider",
            "sts:AssumeRoleWithWebIdentity",
            "software/amazon/awssdk/services/sts/auth/StsGetSessionTokenCredentialsProvider", "sts:GetSessionToken");

    private AwsOperationScanner() {}

    /** IAM actions ({@code ecs:DescribeServices}) -> the classes calling them, for every class file under {@code dir}. */
    static Map<String, Set<String>> scan(Path classesDir) {
        Map<String, Set<String>> actions = new TreeMap<>();
        try (Stream<Path> files = Files.walk(classesDir)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                ClassModel model = ClassFile.of().parse(Files.readAllBytes(file));
                String owner = model.thisClass().asInternalName();
                for (PoolEntry entry : model.constantPool()) {
                    String action = switch (entry) {
                        case MemberRefEntry ref -> operation(ref);
                        case ClassEntry c -> CALLS_BY_SDK_CLASSES.get(c.asInternalName());
                        default -> null;
                    };
                    if (action != null) actions.computeIfAbsent(action, a -> new TreeSet<>()).add(owner);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read classes under " + classesDir, e);
        }
        return actions;
    }

    /** The IAM action of a client method reference, or null when it is not an AWS operation. */
    static String operation(MemberRefEntry ref) {
        Matcher client = CLIENT.matcher(ref.owner().asInternalName());
        if (!client.matches()) return null;
        String service = client.group(1);
        String method = ref.name().stringValue();
        String type = ref.type().stringValue();
        if (!type.startsWith("(")) return null; // a field
        ClassDesc returns = MethodTypeDesc.ofDescriptor(type).returnType();
        String returned = returns.isClassOrInterface() ? returns.displayName() : "";
        String operation;
        if (method.endsWith("Paginator") && returned.endsWith("Iterable")) {
            operation = method.substring(0, method.length() - "Paginator".length());
        } else if (returned.endsWith("Response")) {
            operation = method;
        } else {
            return null;
        }
        String prefix = IAM_PREFIX.get(service);
        if (prefix == null) {
            throw new IllegalStateException("the gateway calls " + service + "." + method
                    + ": add the IAM prefix of AWS SDK service package '" + service + "' to IAM_PREFIX");
        }
        return prefix + ":" + Character.toUpperCase(operation.charAt(0)) + operation.substring(1);
    }
}
