import path from "node:path";
import { z } from "zod";

/**
 * Configuration read from the environment in one validated place.
 * A wrong value stops start-up with a one-line message naming the variable.
 *
 * @example
 *   const config = loadConfig(process.env); // { port: 3000, dataDir: "/…/data", … }
 */
const booleanish = z
  .enum(["1", "0", "true", "false", "yes", "no", "on", "off"], {
    error: "1/0, true/false, yes/no か on/off を指定してください (use 1/0, true/false, yes/no or on/off)",
  })
  .transform((v) => ["1", "true", "yes", "on"].includes(v));

const schema = z.object({
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(0, "must be 0–65535")
    .max(65535, "must be 0–65535")
    .default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1, "must not be empty").default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  SESSION_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  DEMO: booleanish.default(true),
  PUBLIC_ORIGIN: z.url({ error: "must be a URL such as https://kyodo.example.lg.jp" }).optional(),
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, "must start with smtp:// or smtps://")
    .optional(),
  MAIL_FROM: z.string().default("kyodo@localhost"),
  MAX_IN_FLIGHT: z.coerce
    .number({ error: "must be a number (0 = no limit)" })
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .default(64),
  MAX_QUEUE: z.coerce
    .number({ error: "must be a number" })
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .default(256),
  /** how often the app runs the progress reminder job, in minutes; 0 turns it off (e.g. when cron runs `npm run reminders`) */
  REMINDER_INTERVAL_MINUTES: z.coerce
    .number({ error: "must be a number of minutes" })
    .int("must be a whole number")
    .min(0, "must be 0 or more")
    .max(1440, "must be at most 1440")
    .default(60),
});

export type Config = {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  sessionSecret: string;
  demo: boolean;
  publicOrigin: string | undefined;
  production: boolean;
  logLevel: "debug" | "info" | "warn" | "error";
  smtpUrl: string | undefined;
  mailFrom: string;
  /** requests served at once; more wait in a queue of maxQueue, beyond that 503 + Retry-After (0 = no limit) */
  maxInFlight: number;
  maxQueue: number;
  reminderIntervalMinutes: number;
};

export type ConfigResult = { ok: true; config: Config } | { ok: false; message: string };

const DEV_SECRET = "kyodo-development-secret-do-not-use-in-production";

/** Empty strings count as unset, as shells and .env files often leave them. */
function clean(env: NodeJS.ProcessEnv): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== "") out[k] = v;
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv): ConfigResult {
  const parsed = schema.safeParse(clean(env));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const name = String(issue.path[0] ?? "environment");
    return { ok: false, message: `設定エラー: ${name}: ${issue.message}` };
  }
  const e = parsed.data;
  const production = e.NODE_ENV === "production";
  if (production && !e.SESSION_SECRET) {
    return {
      ok: false,
      message: "設定エラー: SESSION_SECRET: must be set (32+ characters) when NODE_ENV=production",
    };
  }
  return {
    ok: true,
    config: {
      port: e.PORT,
      host: e.HOST,
      dataDir: path.resolve(e.DATA_DIR),
      databaseUrl: e.DATABASE_URL,
      sessionSecret: e.SESSION_SECRET ?? DEV_SECRET,
      demo: e.DEMO,
      publicOrigin: e.PUBLIC_ORIGIN,
      production,
      logLevel: e.LOG_LEVEL,
      smtpUrl: e.SMTP_URL,
      mailFrom: e.MAIL_FROM,
      maxInFlight: e.MAX_IN_FLIGHT,
      maxQueue: e.MAX_QUEUE,
      reminderIntervalMinutes: e.REMINDER_INTERVAL_MINUTES,
    },
  };
}
