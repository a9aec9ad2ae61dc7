import { PassThrough } from "node:stream";
import type { AppLoadContext, EntryContext, HandleErrorFunction } from "@remix-run/node";
import { createReadableStreamFromReadable } from "@remix-run/node";
import { RemixServer } from "@remix-run/react";
import { isbot } from "isbot";
import { renderToPipeableStream } from "react-dom/server";
import { getLogger, redactUrl } from "./utils/logger.server";
import { NonceProvider } from "./utils/nonce";

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // Every inline script React and Remix render carries the nonce the CSP header allows.
  const nonce = loadContext.cspNonce;
  const waitForAll = isbot(request.headers.get("user-agent") ?? "");
  return new Promise((resolve, reject) => {
    let shellRendered = false;
    // The abort timer holds the whole render; clear it once rendering is done, or every page stays
    // in memory for streamTimeout and is promoted to the old generation (more RSS, longer GCs).
    const abortTimer = setTimeout(() => abort(), streamTimeout + 1000);
    const start = () => {
      shellRendered = true;
      const body = new PassThrough();
      responseHeaders.set("Content-Type", "text/html; charset=utf-8");
      resolve(new Response(createReadableStreamFromReadable(body), { headers: responseHeaders, status: responseStatusCode }));
      pipe(body);
    };
    const app = (
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} nonce={nonce} />
      </NonceProvider>
    );
    const { pipe, abort } = renderToPipeableStream(app, {
      nonce,
      onShellReady() {
        if (!waitForAll) start();
      },
      onAllReady() {
        clearTimeout(abortTimer);
        if (waitForAll) start();
      },
      onShellError(error: unknown) {
        clearTimeout(abortTimer);
        reject(error);
      },
      onError(error: unknown) {
        responseStatusCode = 500;
        if (shellRendered) getLogger().error({ err: error }, "render error");
      },
    });
  });
}

/** Unexpected errors are logged once, with the request; aborted requests are not errors. */
export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  getLogger().error({ err: error, requestId: context.requestId, method: request.method, url: redactUrl(new URL(request.url).pathname) }, "unhandled error");
};
