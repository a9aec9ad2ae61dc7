/**
 * The CSP nonce of the response being rendered. entry.server.tsx provides it; in the browser there is
 * none (browsers hide nonces from the DOM), so components read "" there and hydration is unaffected.
 */
import { createContext, useContext } from "react";

export const NonceContext = createContext("");
export const NonceProvider = NonceContext.Provider;

export function useNonce(): string {
  return useContext(NonceContext);
}
