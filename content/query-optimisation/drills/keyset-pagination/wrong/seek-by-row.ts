// Plausible but wrong: treats the cursor as "the row I stopped at" and looks that row up by id,
// continuing from the next index. If the row was deleted (or the cursor names a position with no
// row), findIndex returns -1 and the client silently gets the first page again.
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
      const rows = scan();
      const start = after === null ? 0 : rows.findIndex((r) => r.id === after.id) + 1;
      const items = rows.slice(start, start + limit);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: start + limit < rows.length && last ? base64urlEncode(JSON.stringify({ createdAt: last.createdAt, id: last.id })) : null,
      };
    },
  };
}
