/**
 * Outgoing mail through SMTP (nodemailer) when SMTP_URL is set. Without it nothing is sent and
 * callers show the link to copy instead: `sendMail` reports `{ sent: false }`, never throws for that.
 */
import nodemailer, { type Transporter } from "nodemailer";
import { getEnv } from "./env.server";
import { getLogger } from "./logger.server";
import { singleton } from "./singleton.server";

export type Mail = { to: string; subject: string; text: string };
export type MailResult = { sent: true; messageId: string } | { sent: false; reason: "not-configured" | "failed" };

let override: ((mail: Mail) => Promise<MailResult>) | null = null;

/** Tests: capture mail instead of sending it. Pass null to restore. */
export function setMailTransportForTests(fn: ((mail: Mail) => Promise<MailResult>) | null): void {
  override = fn;
}

export function isMailConfigured(): boolean {
  return override !== null || Boolean(getEnv().SMTP_URL);
}

function transporter(): Transporter | null {
  const url = getEnv().SMTP_URL;
  if (!url) return null;
  return singleton("mail-transport", () => nodemailer.createTransport(url));
}

export async function sendMail(mail: Mail): Promise<MailResult> {
  if (override) return override(mail);
  const t = transporter();
  if (!t) return { sent: false, reason: "not-configured" };
  try {
    const info = (await t.sendMail({ from: getEnv().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text })) as { messageId: string };
    return { sent: true, messageId: info.messageId };
  } catch (err) {
    // The address is personal data and the body may hold a secret link: log neither.
    getLogger().error({ err: { message: (err as Error).message, code: (err as { code?: string }).code } }, "mail send failed");
    return { sent: false, reason: "failed" };
  }
}

/** The origin for links sent outside the browser: PUBLIC_URL, else the request's own origin. */
export function publicOrigin(request: Request): string {
  const configured = getEnv().PUBLIC_URL;
  return (configured ?? new URL(request.url).origin).replace(/\/$/, "");
}
