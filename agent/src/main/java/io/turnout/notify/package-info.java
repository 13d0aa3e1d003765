/**
 * Notifications: a subscriber of the deployment events ({@link io.turnout.notify.NoticeFeed}) that
 * turns what people want to hear about — a deployment started, applied, failed or rolled back,
 * drift found, a deployment waiting for approval — into {@link io.turnout.notify.Notice}s, and
 * hands them to channels (a Slack incoming webhook, a JSON webhook signed like GitHub's) on a
 * thread of its own ({@link io.turnout.notify.Dispatcher}), with retries and backoff: a notifier
 * never delays or fails a deployment. Secrets (webhook URLs, signing keys) come from environment
 * variables or files and are never logged.
 */
package io.turnout.notify;
