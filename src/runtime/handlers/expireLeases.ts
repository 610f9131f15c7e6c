/**
 * The `expireLeases` timer (every minute): releases expired callback-number leases, deletes expired
 * idempotency records, releases engagements of calls that ended unseen, and retries pending notification
 * emails.
 */
import type { InvocationContext, Timer } from "@azure/functions";
import { runHousekeeping, type HousekeepingReport } from "../core/housekeeping";
import type { Runtime } from "../runtime";
import { sendInBackground } from "./effects";

/** NCRONTAB schedule: second 0 of every minute. */
export const EXPIRE_LEASES_SCHEDULE = "0 */1 * * * *";

/** Runs housekeeping once. */
export async function expireLeases(_timer: Timer | undefined, context: InvocationContext, runtime: Runtime): Promise<HousekeepingReport> {
  const report = await runHousekeeping(runtime.core.store, runtime.core.clock.now());
  for (const message of report.emailsToRetry) sendInBackground(message, true, runtime, context);
  if (report.leasesReleased.length > 0) context.log(`expireLeases: released ${report.leasesReleased.join(", ")}`);
  return report;
}
