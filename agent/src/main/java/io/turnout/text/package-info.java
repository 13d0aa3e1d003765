/**
 * How values are written for people, once per output format: HTML for the status page
 * ({@link io.turnout.text.HtmlText}), Markdown for pull-request comments
 * ({@link io.turnout.text.MarkdownText}), and commit ids shortened to one length
 * ({@link io.turnout.text.CommitIds}). Every value that comes from a spec, a commit, AWS or a
 * person goes through one of them.
 */
package io.turnout.text;
