/** Returns a redacted deep copy of `value`; never modifies `value`. */
export function redact(value: unknown): unknown {
  // Your code here
  return value;
}
