// Every capability's drizzle tables, gathered for the typed client and for drizzle-kit.
// One line per capability's *.table.ts file.
export * from "../accounts/accounts.table.js";
export * from "../imports/import-jobs.table.js";
export * from "../indicators/indicator.table.js";
export * from "../notices/notices.table.js";
export * from "../plans/plan.table.js";
export * from "../portal/page-cache.table.js";
export * from "../portal/portal.table.js";
export * from "../progress/progress.table.js";
export * from "../registries/matching/matching.table.js";
export * from "../registries/proposals/proposals.table.js";
export * from "../registries/registries.table.js";
export * from "../reports/report.table.js";
