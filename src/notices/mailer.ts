/**
 * E-mail through the SMTP server of the configuration (SMTP_URL, e.g. smtp://mail.example.lg.jp:25), with
 * nodemailer. Without SMTP_URL no mail is sent (notices still are), which is how a demo runs.
 */
import type { Transporter } from "nodemailer";
import type { Logger } from "../web/log.js";
import type { Mailer } from "./notice.js";

export function createMailer(opts: {
  smtpUrl: string | undefined;
  from: string;
  log?: Logger;
}): Mailer | null {
  if (!opts.smtpUrl) return null;
  const smtpUrl = opts.smtpUrl;
  // nodemailer is loaded with the first mail, not at start-up
  let transport: Promise<Transporter> | undefined;
  return {
    async send(message) {
      try {
        transport ??= import("nodemailer").then((m) => m.default.createTransport(smtpUrl));
        await (await transport).sendMail({ from: opts.from, ...message });
        return true;
      } catch (err) {
        opts.log?.warn("mail not sent", {
          to: message.to,
          subject: message.subject,
          err: (err as Error).message,
        });
        return false;
      }
    },
  };
}
