// Plausible but wrong: seeks with `createdAt < cursor.createdAt` only, ignoring the id
// tie-breaker. Rows that share the last row's timestamp but did not fit on the page are skipped.
export type Row = { id: number; createdAt: number };
export type Page<T> = { items: T[]; nextCursor: string | null };
export type PaginatorDeps<T extends Row> = {
  scan: () => readonly T[];
  base64urlEncode: (text: string) => string;
  base64urlDecode: (b64: string) => string;
};

export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
  constructor(detail: string) {
    super(`Invalid cursor: ${detail}`);
  }
}

export function createPaginator<T extends Row>({ scan, base64urlEncode, base64urlDecode }: PaginatorDeps<T>) {
  const decode = (cursor: string) => {
    let parsed: any;
    try {
      parsed = JSON.parse(base64urlDecode(cursor));
    } catch {
      throw new InvalidCursorError("not JSON");
    }
    if (!parsed || typeof parsed !== "object" || !Number.isSafeInteger(parsed.createdAt) || !Number.isSafeInteger(parsed.id)) {
      throw new InvalidCursorError("bad shape");
    }
    return parsed as { createdAt: number; id: number };
  };
  return {
    listPage(cursor: string | null, limit: number): Page<T> {
      const after = cursor === null ? null : decode(cursor);
      const rest = scan().filter((r) => !after || r.createdAt < after.createdAt);
      const items = rest.slice(0, limit);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rest.length > limit && last ? base64urlEncode(JSON.stringify({ createdAt: last.createdAt, id: last.id })) : null,
      };
    },
  };
}
