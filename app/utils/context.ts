/** Type-level settings for Remix: single-fetch types, and what the HTTP server hands every loader. */
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    requestId: string;
    clientIp: string;
    /** This response's Content-Security-Policy nonce (server/security.ts). */
    cspNonce: string;
  }
}

export {};
