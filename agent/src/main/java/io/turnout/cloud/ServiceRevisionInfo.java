package io.turnout.cloud;

/** A service revision as DescribeServiceRevisions returns it: which task definition it runs. */
public record ServiceRevisionInfo(String arn, String taskDefinitionArn) {}
