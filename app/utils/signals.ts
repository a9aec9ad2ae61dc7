/** Browser side of integrity signals: a fire-and-forget beacon with a unique key (stored once). */
export function sendSignal(token: string, kind: "focus-loss" | "paste", position: number): void {
  if (typeof window === "undefined") return;
  const fd = new FormData();
  fd.set("kind", kind);
  fd.set("position", String(position));
  fd.set("eventKey", crypto.randomUUID().replace(/-/g, ""));
  const url = `/c/${token}/signal`;
  if (!navigator.sendBeacon?.(url, fd)) void fetch(url, { method: "POST", body: fd, keepalive: true }).catch(() => undefined);
}
