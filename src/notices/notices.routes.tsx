/** The notices page: a person's own notices, marking one or all read. */
import { type Context, Hono } from "hono";
import { requireUser } from "../web/auth.js";
import type { AppEnv } from "../web/context.js";
import { renderPage } from "../web/layout.js";
import { m } from "../web/messages/index.js";
import { countUnread, listNotices, markRead } from "./notices.repository.js";
import { NoticesPage } from "./pages/NoticesPage.js";

type C = Context<AppEnv>;
const db = (c: C) => c.get("deps").database.db;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const noticesRoutes = new Hono<AppEnv>()
  .get("/notices", async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const [notices, unread] = await Promise.all([listNotices(db(c), user.id), countUnread(db(c), user.id)]);
    return renderPage(c, { title: m.notices.title, body: <NoticesPage notices={notices} unread={unread} /> });
  })
  // a person marks only their own notices read (the query is bound to their id): another's id changes nothing
  .post("/notices/read", async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    await markRead(db(c), user.id, null, new Date());
    return c.redirect("/notices", 303);
  })
  .post("/notices/:id/read", async (c) => {
    const user = requireUser(c);
    if (user instanceof Response) return user;
    const id = c.req.param("id");
    if (UUID.test(id)) await markRead(db(c), user.id, id, new Date());
    return c.redirect("/notices", 303);
  });
