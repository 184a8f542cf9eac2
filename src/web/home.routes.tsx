import { Hono } from "hono";
import type { AppEnv } from "./context.js";
import { renderPage } from "./layout.js";
import { m } from "./messages/index.js";

export const homeRoutes = new Hono<AppEnv>().get("/", (c) =>
  renderPage(c, {
    title: m.home.title,
    body: (
      <>
        <h1>{m.app.fullName}</h1>
        <p class="lead">{m.home.lead}</p>
        <section aria-labelledby="getting-started">
          <h2 id="getting-started">{m.home.gettingStarted}</h2>
          <ol>
            {m.home.steps.map((s) => (
              <li>{s}</li>
            ))}
          </ol>
        </section>
      </>
    ),
  }),
);
