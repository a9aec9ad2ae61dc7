/** Type-level settings for Remix: single-fetch types, and what the HTTP server hands every loader. */
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
  interface AppLoadContext {
    requestId: string;
    clientIp: string;
  }
}

export {};
