/** In-app notices (お知らせ) and the e-mail that may go with them, as plain types. */
export type Notice = {
  id: string;
  orgId: string;
  userId: string;
  kind: string;
  title: string;
  body: string;
  url: string | null;
  createdAt: Date;
  readAt: Date | null;
};

export type NewNotice = Pick<Notice, "orgId" | "userId" | "kind" | "title" | "body" | "url">;

export type MailMessage = { to: string; subject: string; text: string };

/** Sends one e-mail; resolves false (after logging) when the mail server refused it. */
export type Mailer = { send(message: MailMessage): Promise<boolean> };
