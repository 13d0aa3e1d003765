/**
 * {@code turnout import}: a ready spec repository from what runs today. Reads a live cluster
 * through the cloud gateway ({@link io.turnout.importer.LiveCluster}) or the files teams already
 * have ({@link io.turnout.importer.DefinitionFiles}: DescribeServices / DescribeTaskDefinition
 * output, ecspresso definitions, CreateService / RegisterTaskDefinition requests), cleans AWS's
 * answers into requests ({@link io.turnout.importer.TaskDefinitionCleanup},
 * {@link io.turnout.importer.ServiceSettingsCleanup}), infers each service's strategy in one
 * place ({@link io.turnout.importer.StrategyInference}), fits the result to the spec schemas
 * ({@link io.turnout.importer.SpecFitting}) listing whatever cannot be expressed, and writes the
 * files ({@link io.turnout.importer.ImportWriter}). Never changes anything in AWS.
 */
package io.turnout.importer;
