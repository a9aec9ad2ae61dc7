import type { LoaderFunctionArgs } from "@remix-run/node";
import { exportCsv } from "~/models/candidate.server";
import { requireMember } from "~/utils/org.server";
import { parseParams } from "~/utils/params";
import { prescreenParams } from "./org.prescreens.$id._index";

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { id } = parseParams(prescreenParams, params);
  const { orgId, actor } = await requireMember(request);
  const file = await exportCsv({ orgId, prescreenId: id, actor, now: new Date() });
  if (!file) throw new Response("Pre-screen not found", { status: 404 });
  return new Response(file.csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="${file.filename}"`,
      "Cache-Control": "no-store",
    },
  });
}
