import { randomUUID } from "node:crypto";
import { Hono } from "hono";
import { csrf } from "hono/csrf";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import { accountRoutes } from "./accounts/account.routes.js";
import { adminAuditRoutes } from "./accounts/admin-audit.routes.js";
import { adminDepartmentRoutes } from "./accounts/admin-departments.routes.js";
import { adminUserRoutes } from "./accounts/admin-users.routes.js";
import { importRoutes } from "./imports/imports.routes.js";
import { tableImportRoutes } from "./imports/table-imports.routes.js";
import { indicatorRoutes } from "./indicators/indicator.routes.js";
import { noticesRoutes } from "./notices/notices.routes.js";
import { planRoutes } from "./plans/plan.routes.js";
import { portalRoutes } from "./portal/portal.routes.js";
import { progressRoutes } from "./progress/progress.routes.js";
import { registriesRoutes } from "./registries/registries.routes.js";
import { reportRoutes } from "./reports/report.routes.js";
import { requestSizeLimit } from "./security/request-size.js";
import { sessionMiddleware } from "./web/auth.js";
import type { AppEnv, Deps } from "./web/context.js";
import { renderCsrfRejected, renderNotFound, renderServerError } from "./web/error-pages.js";
import { healthRoutes } from "./web/health.routes.js";
import { homeRoutes } from "./web/home.routes.js";
import { inFlightLimit } from "./web/limit.js";
import { staticRoutes } from "./web/static.js";

/**
 * The whole web application: middleware, then one `app.route()` line per capability.
 * Tests call `createApp(deps).request(...)` with no socket.
 */
export function createApp(deps: Deps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  // Beyond capacity: wait, then 503 + Retry-After before any work is done (MAX_IN_FLIGHT, MAX_QUEUE).
  app.use(inFlightLimit({ maxInFlight: deps.config.maxInFlight, maxQueue: deps.config.maxQueue }));
  app.use(async (c, next) => {
    c.set("deps", deps);
    c.set("requestId", randomUUID());
    c.set("user", null);
    await next();
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      strictTransportSecurity: deps.config.production ? "max-age=31536000; includeSubDomains" : false,
    }),
  );
  // Form posts must come from our own pages. Behind a TLS-terminating proxy the request URL is the
  // internal one, so the public origin comes from configuration (PUBLIC_ORIGIN).
  app.use(csrf(deps.config.publicOrigin ? { origin: deps.config.publicOrigin } : {}));
  // No request body larger than a form or an upload can be (2 MB / 22 MB), refused before anything reads it.
  app.use(requestSizeLimit());
  // Who is asking: sets c.get("user") from the session cookie (null for anonymous visitors).
  app.use(sessionMiddleware());

  app.route("/", staticRoutes);
  app.route("/", healthRoutes);
  app.route("/", homeRoutes);
  app.route("/", accountRoutes);
  app.route("/admin/users", adminUserRoutes);
  app.route("/admin/departments", adminDepartmentRoutes);
  app.route("/admin/audit", adminAuditRoutes);
  app.route("/", planRoutes);
  app.route("/", indicatorRoutes);
  app.route("/", importRoutes);
  // after importRoutes, in the order they had as one router: a path both match (POST /imports/rounds/mapping)
  // goes to /imports/:id/mapping first; the table routes guard their own paths as well
  app.route("/", tableImportRoutes);
  app.route("/", registriesRoutes);
  app.route("/", progressRoutes);
  app.route("/", reportRoutes);
  app.route("/", portalRoutes);
  app.route("/", noticesRoutes);

  app.notFound((c) => renderNotFound(c));
  app.onError((err, c) => {
    // hono/csrf refuses a form posted from another origin with HTTPException(403): answer in Japanese
    if (err instanceof HTTPException) {
      if (err.status === 403) return renderCsrfRejected(c);
      return err.getResponse();
    }
    const errorId = c.get("requestId") ?? randomUUID();
    deps.log.error("unhandled error", { errorId, method: c.req.method, path: c.req.path, err });
    return renderServerError(c, errorId);
  });
  return app;
}
