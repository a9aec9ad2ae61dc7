/**
 * Account forms: one schema each, used by the page (limits) and the action (validation). The password
 * policy lives here once: at least 12 characters, at most 256, counted as Unicode code points (as
 * NIST SP 800-63B counts them), no composition rules. `npm run user:create` and
 * `user:reset-password` apply the same `passwordPolicy`.
 */
import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 256;
/** How long a password-reset link works. */
export const RESET_TTL_MINUTES = 30;

/** Characters as a person counts them: an emoji is one, not two UTF-16 units. */
export const passwordLength = (password: string) => [...password].length;

/** The policy's complaint about a new password, or null when it is acceptable. */
export function passwordProblem(password: string): string | null {
  const length = passwordLength(password);
  if (length < PASSWORD_MIN) return `Use at least ${PASSWORD_MIN} characters`;
  if (length > PASSWORD_MAX) return `Use at most ${PASSWORD_MAX} characters`;
  return null;
}

const newPassword = z.string({ message: "Choose a password" }).superRefine((value, ctx) => {
  const problem = passwordProblem(value);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
});

const email = z
  .string({ message: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "That email address is too long")
  .pipe(z.email({ message: "Enter a valid email address, like name@example.com" }));

export const signupSchema = z.object({
  email,
  password: newPassword,
  redirectTo: z.string().optional(),
});

export const loginSchema = z.object({
  email,
  password: z
    .string({ message: "Enter your password" })
    .min(1, "Enter your password")
    .refine((p) => passwordLength(p) <= PASSWORD_MAX, "Password too long"),
  redirectTo: z.string().optional(),
});

export const forgotPasswordSchema = z.object({ email });

export const resetPasswordSchema = z
  .object({
    password: newPassword,
    confirm: z.string({ message: "Type the password again" }),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords differ" });
