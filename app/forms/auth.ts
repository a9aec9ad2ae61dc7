/** Sign-up and log-in forms: one schema each, used by the page (limits) and the action (validation). */
import { z } from "zod";

export const PASSWORD_MIN = 12;
export const PASSWORD_MAX = 128;

const email = z
  .string({ message: "Enter your email address" })
  .trim()
  .min(1, "Enter your email address")
  .max(254, "That email address is too long")
  .pipe(z.email({ message: "Enter a valid email address, like name@example.com" }));

export const signupSchema = z.object({
  email,
  password: z
    .string({ message: "Choose a password" })
    .min(PASSWORD_MIN, `Use at least ${PASSWORD_MIN} characters`)
    .max(PASSWORD_MAX, `Use at most ${PASSWORD_MAX} characters`),
  redirectTo: z.string().optional(),
});

export const loginSchema = z.object({
  email,
  password: z.string({ message: "Enter your password" }).min(1, "Enter your password").max(PASSWORD_MAX, "Password too long"),
  redirectTo: z.string().optional(),
});
