/** Process lifecycle shared by the HTTP server and the routes: readiness flips off while draining. */
import { singleton } from "./singleton.server";

const state = () => singleton("lifecycle", () => ({ draining: false }));

export function markDraining(): void {
  state().draining = true;
}

export function isDraining(): boolean {
  return state().draining;
}
