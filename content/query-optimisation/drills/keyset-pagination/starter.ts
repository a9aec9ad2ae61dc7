export type Row = { id: number; createdAt: number };
export type Page<T> = { items: T[]; nextCursor: string | null };

export type PaginatorDeps<T extends Row> = {
  /** The table's current rows, sorted by createdAt DESC, then id DESC. */
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

export function createPaginator<T extends Row>(deps: PaginatorDeps<T>) {
  return {
    listPage(cursor: string | null, limit: number): Page<T> {
      // Your code here
      return { items: [], nextCursor: null };
    },
  };
}
