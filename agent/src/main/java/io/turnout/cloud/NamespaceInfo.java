package io.turnout.cloud;

/** A Cloud Map namespace; {@code type} DNS_PRIVATE, DNS_PUBLIC or HTTP. */
public record NamespaceInfo(String id, String arn, String name, String type) {}
