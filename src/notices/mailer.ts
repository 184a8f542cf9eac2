/**
 * E-mail through the SMTP server of the configuration (SMTP_URL, e.g. smtp://mail.example.lg.jp:25), with
 * nodemailer. Without SMTP_URL no mail is sent (notices still are), which is how a demo runs.
 */
import nodemailer from "nodemailer";
import type { Logger } from "../web/log.js";
import type { Mailer } from "./notice.js";

export function createMailer(opts: {
  smtpUrl: string | undefined;
  from: string;
  log?: Logger;
}): Mailer | null {
  if (!opts.smtpUrl) return null;
  const transport = nodemailer.createTransport(opts.smtpUrl);
  return {
    async send(message) {
      try {
        await transport.sendMail({ from: opts.from, ...message });
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
