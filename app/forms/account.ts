/** The account-deletion form, shared by the page and the action. */
import { z } from "zod";

export const DELETE_CONFIRMATION = "delete my account";

export const deleteAccountSchema = z.object({
  confirm: z
    .string({ message: `Type "${DELETE_CONFIRMATION}" to confirm` })
    .trim()
    .refine((v) => v.toLowerCase() === DELETE_CONFIRMATION, `Type "${DELETE_CONFIRMATION}" to confirm`),
});
