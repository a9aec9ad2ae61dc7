/** Review forms: changing a rating, and the review settings. One schema each, shared by page and action. */
import { z } from "zod";
import { RETENTION_RANGE } from "~/review/scheduler";

export const rateSchema = z.object({
  attemptId: z.coerce.number({ message: "Missing answer" }).int().positive("Missing answer"),
  rating: z.coerce
    .number({ message: "Choose Again, Hard, Good or Easy" })
    .int()
    .min(1, "Choose Again, Hard, Good or Easy")
    .max(4, "Choose Again, Hard, Good or Easy")
    .transform((n) => n as 1 | 2 | 3 | 4),
});

export const SETTINGS_LIMITS = {
  newPerDay: { min: 0, max: 100 },
  reviewsPerDay: { min: 10, max: 1000 },
  desiredRetention: RETENTION_RANGE,
} as const;

const whole = (label: string, { min, max }: { min: number; max: number }) =>
  z.coerce
    .number({ message: `${label} must be a number` })
    .int(`${label} must be a whole number`)
    .min(min, `${label} must be at least ${min}`)
    .max(max, `${label} must be at most ${max}`);

export const settingsSchema = z.object({
  newPerDay: whole("New questions per day", SETTINGS_LIMITS.newPerDay),
  reviewsPerDay: whole("Reviews per day", SETTINGS_LIMITS.reviewsPerDay),
  desiredRetention: z.coerce
    .number({ message: "Desired retention must be a number" })
    .min(RETENTION_RANGE.min, `Desired retention must be at least ${RETENTION_RANGE.min}`)
    .max(RETENTION_RANGE.max, `Desired retention must be at most ${RETENTION_RANGE.max}`)
    .transform((n) => Math.round(n * 100) / 100),
});
