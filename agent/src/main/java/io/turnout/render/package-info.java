/**
 * Plans for people and machines: plain or coloured text for the terminal
 * ({@link io.turnout.render.TextPlanRenderer}), Markdown for pull-request comments
 * ({@link io.turnout.render.MarkdownPlanRenderer}) and stable JSON for tools
 * ({@link io.turnout.render.JsonPlanRenderer}). Renderers only read the plan: what they
 * print is what the plan holds (task definitions and settings from the specs, ARNs), never
 * anything from the Turnout process's own environment, so no secret can leak through them.
 */
package io.turnout.render;
