/** GET /api/v1/prescreens — the calling organisation's pre-screens. */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { listPrescreens } from "~/models/prescreen.server";
import { apiJson, requireApiCaller, requireMethod } from "~/utils/api.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const caller = await requireApiCaller(request);
  const list = await listPrescreens({ orgId: caller.orgId });
  return apiJson({
    data: list.map((p) => ({
      id: p.id,
      title: p.title,
      status: p.status,
      timeLimitMinutes: p.timeLimitMinutes,
      opensAt: p.opensAt,
      closesAt: p.closesAt,
      createdAt: p.createdAt,
      publishedAt: p.publishedAt,
      candidates: p.counts,
    })),
  });
}

export async function action({ request }: ActionFunctionArgs) {
  requireMethod(request, "GET");
  return null;
}
