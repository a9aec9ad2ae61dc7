/** Organisation forms: one schema each, shared by the pages and the actions. */
import { z } from "zod";

export const orgNameSchema = z.object({
  name: z.string({ message: "Name your organisation" }).trim().min(2, "Use at least 2 characters").max(80, "Keep it under 80 characters"),
});

export const ORG_ROLES = ["interviewer", "admin"] as const;

export const inviteColleagueSchema = z.object({
  intent: z.literal("invite"),
  email: z.string({ message: "Enter an email address" }).trim().toLowerCase().pipe(z.email({ message: "Enter a valid email address" })),
  role: z.enum(ORG_ROLES, { message: "Choose a role" }),
  send: z.preprocess((v) => v === "on", z.boolean()).default(false),
});

export const changeRoleSchema = z.object({
  intent: z.literal("change-role"),
  userId: z.uuid({ message: "Unknown member" }),
  role: z.enum(ORG_ROLES, { message: "Choose a role" }),
});

export const revokeSchema = z.object({ intent: z.string(), id: z.uuid({ message: "Unknown item" }) });

export const tokenNameSchema = z.object({
  intent: z.literal("create"),
  name: z.string({ message: "Name the token" }).trim().min(1, "Name the token, e.g. Greenhouse").max(60, "Keep it under 60 characters"),
});
