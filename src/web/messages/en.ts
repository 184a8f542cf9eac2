import type { Messages } from "./ja.js";

export const en: Messages = {
  app: {
    name: "Kyōdō",
    fullName: "Kyōdō — civic-collaboration plan management",
    skipToContent: "Skip to content",
    mainNav: "Main menu",
    footer: "Kyōdō — open-source system to plan, track and publish civic-collaboration plans",
    noOrganisation: "No organisation is registered",
  },
  nav: {
    home: "Home",
    plans: "Plans",
    progress: "Progress reports",
    reports: "Reports",
    registries: "Groups & projects",
    portal: "Public site",
    admin: "Administration",
    signIn: "Sign in",
    signOut: "Sign out",
  },
  home: {
    title: "Home",
    lead: "Manage the plan tree, indicators and progress of collaboration plans in one place, and publish reports and open data.",
    organisations: "Organisations",
    departments: (n: number) => `${n} departments`,
    gettingStarted: "Getting started",
    steps: [
      "Register a plan (import from Excel, CSV or PDF text)",
      "Open a reporting round each year; departments enter their progress",
      "Tallies are computed; publish reports and open data",
    ],
  },
  errors: {
    notFoundTitle: "Page not found",
    notFoundBody: "The page you were looking for was not found. Check the URL or start from the home page.",
    serverErrorTitle: "A system error occurred",
    serverErrorBody: (id: string) =>
      `An unexpected error occurred. Please try again later. When you contact us, quote error number "${id}".`,
    backHome: "Back to home",
    badRequestTitle: "The request is not valid",
  },
  health: {
    ok: "OK",
    databaseDown: "The database cannot be reached",
  },
};
