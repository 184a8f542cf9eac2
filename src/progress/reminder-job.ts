/**
 * Runs the reminder job: on an interval inside the app (main.ts, REMINDER_INTERVAL_MINUTES, 0 = off) or once
 * from cron (`npm run reminders`). Several app processes may run it at once: each reminder is claimed by a
 * unique key in the database, so it is sent once.
 */
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import { createMailer } from "../notices/mailer.js";
import type { Logger } from "../web/log.js";
import { type ReminderDeps, type ReminderSent, sendDueReminders } from "./send-reminders.js";

/** The reminder dependencies from the configuration: SMTP mailer (none without SMTP_URL), public origin. */
export function reminderDeps(deps: { database: Database; config: Config; log?: Logger }): ReminderDeps {
  return {
    db: deps.database.db,
    mailer: createMailer({ smtpUrl: deps.config.smtpUrl, from: deps.config.mailFrom, log: deps.log }),
    baseUrl: deps.config.publicOrigin ?? `http://localhost:${deps.config.port}`,
    log: deps.log,
  };
}

export async function runRemindersOnce(deps: {
  database: Database;
  config: Config;
  log: Logger;
}): Promise<ReminderSent[]> {
  try {
    return await sendDueReminders(reminderDeps(deps));
  } catch (err) {
    deps.log.error("reminder job failed", { err });
    return [];
  }
}

/** Starts the job (first run shortly after start-up); `stop()` waits for a run in progress. */
export function startReminderJob(deps: { database: Database; config: Config; log: Logger }): {
  stop: () => Promise<void>;
} {
  const minutes = deps.config.reminderIntervalMinutes;
  if (minutes === 0) return { stop: async () => {} };
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runRemindersOnce(deps).finally(() => {
      running = null;
    });
  };
  const first = setTimeout(tick, 10_000);
  const timer = setInterval(tick, minutes * 60_000);
  first.unref();
  timer.unref();
  return {
    stop: async () => {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
