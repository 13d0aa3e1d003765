package io.turnout.schedule;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobExecutionContext;
import org.quartz.JobExecutionException;
import org.quartz.SchedulerException;

/**
 * Keeps the environment jobs of one repository in line with the environments its branch head
 * defines: adds jobs for new environments, removes the jobs of removed ones, and reschedules
 * when an environment's interval changed. Costs one ls-remote when the head did not move.
 */
@DisallowConcurrentExecution
public final class DiscoveryJob implements Job {
    @Override
    public void execute(JobExecutionContext context) throws JobExecutionException {
        String repository = context.getMergedJobDataMap().getString(ReconcileJob.REPOSITORY);
        try {
            AgentScheduler.of(context.getScheduler()).refresh(repository);
        } catch (SchedulerException e) {
            throw new JobExecutionException("cannot update the schedule of " + repository + ": " + e.getMessage(), e);
        }
    }
}
