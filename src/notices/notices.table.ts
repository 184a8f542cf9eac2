import { index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { organisations, users } from "../accounts/accounts.table.js";

/** In-app notices (お知らせ) to one person: a reminder, a return, … with a link to act on. Unread until read_at. */
export const notices = pgTable(
  "notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    orgId: uuid("org_id")
      .notNull()
      .references(() => organisations.id),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    /** reminder | … */
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    url: text("url"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [index("notices_user_idx").on(t.userId, t.readAt, t.createdAt)],
);
