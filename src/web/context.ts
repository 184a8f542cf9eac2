import type { CurrentUser } from "../accounts/account.js";
import type { Config } from "../config.js";
import type { Database } from "../db/client.js";
import type { Logger } from "./log.js";

/** What every request handler can reach: the database, the configuration and the logger. */
export type Deps = { database: Database; config: Config; log: Logger };

export type AppEnv = {
  Variables: {
    deps: Deps;
    requestId: string;
    user: CurrentUser | null;
  };
};
