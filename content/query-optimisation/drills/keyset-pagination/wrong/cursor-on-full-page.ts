// Plausible but wrong: fetches exactly `limit` rows and returns a cursor whenever the page is
// full, instead of fetching `limit + 1` to find out whether anything follows. When the last page is
// exactly full the client gets a cursor anyway and must make one more request for an empty page.
export type Row = { id: number; createdAt: number };
export type Page<T> = { items: T[]; nextCursor: string | null };

export type PaginatorDeps<T extends Row> = {
  scan: () => readonly T[];
  base64urlEncode: (text: string) => string;
  base64urlDecode: (b64: string) => string;
};

type Position = { createdAt: number; id: number };

export class InvalidCursorError extends Error {
  override name = "InvalidCursorError";
  constructor(detail: string) {
    super(`Invalid cursor: ${detail}`);
  }
}

/** True when `row` sorts strictly after `p` in (createdAt DESC, id DESC) order. */
function isAfter(row: Row, p: Position): boolean {
  return row.createdAt < p.createdAt || (row.createdAt === p.createdAt && row.id < p.id);
}

export function createPaginator<T extends Row>({ scan, base64urlEncode, base64urlDecode }: PaginatorDeps<T>) {
  const encode = (row: Row): string => base64urlEncode(JSON.stringify({ createdAt: row.createdAt, id: row.id }));

  const decode = (cursor: unknown): Position => {
    if (typeof cursor !== "string" || cursor.length === 0) throw new InvalidCursorError("empty or not a string");
    let parsed: unknown;
    try {
      parsed = JSON.parse(base64urlDecode(cursor));
    } catch {
      throw new InvalidCursorError("not base64url-encoded JSON");
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw new InvalidCursorError("not an object");
    const { createdAt, id } = parsed as Record<string, unknown>;
    if (!Number.isSafeInteger(createdAt) || !Number.isSafeInteger(id)) throw new InvalidCursorError("createdAt and id must be integers");
    return { createdAt: createdAt as number, id: id as number };
  };

  return {
    listPage(cursor: string | null, limit: number): Page<T> {
      const after = cursor === null ? null : decode(cursor);
      const items = scan()
        .filter((row) => !after || isAfter(row, after))
        .slice(0, limit);
      const last = items[items.length - 1];
      // "A full page means there may be more": true, but it may also be the last page.
      return { items, nextCursor: items.length === limit && last ? encode(last) : null };
    },
  };
}
