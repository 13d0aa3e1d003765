/**
 * Tests of {@code deploy/}: that the files which run Turnout in production (the image, the
 * CloudFormation template, the IAM policy, the local trial) agree with the code and with each
 * other. None of them needs Docker, AWS or a network: they parse the files and the compiled
 * classes. {@link io.turnout.deploy.DeployFiles} finds the repository's {@code deploy/} folder.
 */
package io.turnout.deploy;
