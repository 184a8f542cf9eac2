/** A minimal structured logger: one JSON line per event on stderr (what container platforms collect). */
export type Logger = {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
};

const order = { debug: 0, info: 1, warn: 2, error: 3 } as const;

export function createLogger(
  level: keyof typeof order = "info",
  sink: (line: string) => void = console.error,
): Logger {
  const emit = (lvl: keyof typeof order, msg: string, fields?: Record<string, unknown>) => {
    if (order[lvl] < order[level]) return;
    const out: Record<string, unknown> = { time: new Date().toISOString(), level: lvl, msg, ...fields };
    if (fields?.err instanceof Error) out.err = { message: fields.err.message, stack: fields.err.stack };
    sink(JSON.stringify(out));
  };
  return {
    debug: (m, f) => emit("debug", m, f),
    info: (m, f) => emit("info", m, f),
    warn: (m, f) => emit("warn", m, f),
    error: (m, f) => emit("error", m, f),
  };
}
