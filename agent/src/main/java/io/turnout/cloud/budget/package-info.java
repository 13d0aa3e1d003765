/**
 * Write budgets: every mutating AWS call waits for a token of its account's bucket
 * ({@link io.turnout.cloud.budget.WriteBudget}, AWS's per-account, per-Region rates), through one
 * {@link io.turnout.cloud.budget.WriteThrottle} per account and Region shared by all its environments
 * and a {@link io.turnout.cloud.budget.BudgetedGateway} around each environment's gateway — the
 * writing side of the live reader's read budgets.
 */
package io.turnout.cloud.budget;
