/**
 * The {@code turnout} command line (picocli): {@code validate}, {@code plan}. Commands parse
 * options, call the pure core and print; they own exit codes ({@link io.turnout.cli.ExitCodes})
 * and the wording of errors, and never print a stack trace unless asked to ({@code --debug}).
 */
package io.turnout.cli;
