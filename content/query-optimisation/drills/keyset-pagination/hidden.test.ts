const T0 = 1_700_000_000_000;

/** Rows with ids 1..n; `ages[i]` is how many seconds before T0 row i+1 was created. Sorted newest first. */
function table(ages: number[]) {
  const rows = ages.map((age, i) => ({ id: i + 1, createdAt: T0 - age * 1000 }));
  return sortRows(rows);
}

function sortRows<R extends { id: number; createdAt: number }>(rows: R[]): R[] {
  return rows.sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
}

/** Asserts that `fn` throws an InvalidCursorError whose message starts with "Invalid cursor". */
function rejectsCursor(t: any, fn: () => unknown, what: string) {
  let error: any = null;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  t.assert.ok(error !== null, `${what}: expected an InvalidCursorError, but nothing was thrown`);
  t.assert.ok(
    error instanceof t.exports.InvalidCursorError && String(error.message).startsWith("Invalid cursor"),
    `${what}: expected an InvalidCursorError, got ${error?.name}: ${error?.message}`,
  );
}

function paginator(t: any, scan: () => { id: number; createdAt: number }[]) {
  return t.exports.createPaginator({ scan, base64urlEncode: t.crypto.base64urlEncode, base64urlDecode: t.crypto.base64urlDecode });
}

/** Follows nextCursor until null (at most 100 pages, so a cursor that never advances cannot hang the test). */
function walk(p: any, limit: number) {
  const pages: number[][] = [];
  let cursor: string | null = null;
  do {
    const page = p.listPage(cursor, limit);
    pages.push(page.items.map((r: any) => r.id));
    cursor = page.nextCursor;
  } while (cursor !== null && pages.length < 100);
  return { pages, ids: pages.flat(), finished: cursor === null };
}

function cursorFor(t: any, value: unknown): string {
  return t.crypto.base64urlEncode(JSON.stringify(value));
}

test("rows tied with the page's last row continue on the next page", { category: "does not skip or repeat rows that share a createdAt across a page boundary" }, (t) => {
  // ids 3..6 share one timestamp; a page of 3 ends in the middle of that group.
  const rows = table([10, 20, 30, 30, 30, 30, 40]);
  const { pages, finished } = walk(paginator(t, () => rows), 3);
  t.assert.equal(pages, [[1, 2, 6], [5, 4, 3], [7]], "ids page by page (limit 3)");
  t.assert.ok(finished, "the walk ends with nextCursor null");
});

test("a run of equal timestamps longer than a page", { category: "pages through a run of equal timestamps longer than one page" }, (t) => {
  const rows = table([5, 5, 5, 5, 5, 5, 5, 9]); // ids 1..7 in the same millisecond
  const { pages, finished } = walk(paginator(t, () => rows), 3);
  t.assert.ok(finished, "the walk reaches the last page instead of looping on the same cursor");
  t.assert.equal(pages, [[7, 6, 5], [4, 3, 2], [1, 8]], "ids page by page (limit 3)");
});

test("many ties, random page sizes", { category: "visits every row exactly once across all pages" }, (t) => {
  for (let round = 0; round < 8; round++) {
    const ages = Array.from({ length: 40 + Math.floor(t.random() * 30) }, () => Math.floor(t.random() * 6));
    const rows = table(ages);
    const limit = 1 + Math.floor(t.random() * 7);
    const { ids, finished } = walk(paginator(t, () => rows), limit);
    t.assert.ok(finished, `round ${round}: the walk ends (limit ${limit})`);
    t.assert.equal(ids, rows.map((r) => r.id), `round ${round}: ids across all pages equal the table order (limit ${limit}, ${rows.length} rows)`);
  }
});

test("the last page is exactly full", { category: "returns nextCursor null when the last page is exactly full" }, (t) => {
  const rows = table([60, 50, 40, 30, 20, 10]);
  const p = paginator(t, () => rows);
  const first = p.listPage(null, 3);
  t.assert.equal(typeof first.nextCursor, "string", "first page of 6 rows (limit 3) has a cursor");
  const second = p.listPage(first.nextCursor, 3);
  t.assert.equal(second.items.map((r: any) => r.id), [3, 2, 1], "second page ids");
  t.assert.equal(second.nextCursor, null, "nextCursor of a full page with nothing after it");
  t.assert.equal(p.listPage(null, 6).nextCursor, null, "a single page holding the whole table");
});

test("new rows arrive between page requests", { category: "resumes from the cursor position when newer rows are inserted" }, (t) => {
  let rows = table([10, 20, 30, 40, 50, 60]);
  const p = paginator(t, () => rows);
  const first = p.listPage(null, 2);
  t.assert.equal(first.items.map((r: any) => r.id), [1, 2], "first page");
  // Newer events are written meanwhile (id 9 in the same millisecond as row 1).
  rows = sortRows([...rows, { id: 7, createdAt: T0 }, { id: 8, createdAt: T0 - 1000 }, { id: 9, createdAt: T0 - 10_000 }, { id: 10, createdAt: T0 - 5000 }]);
  const second = p.listPage(first.nextCursor, 2);
  t.assert.equal(second.items.map((r: any) => r.id), [3, 4], "second page after the inserts");
});

test("the cursor's row is deleted before the next request", { category: "resumes after the cursor's position even when that row was deleted" }, (t) => {
  let rows = table([10, 20, 30, 30, 30, 40]);
  const p = paginator(t, () => rows);
  const first = p.listPage(null, 3);
  t.assert.equal(first.items.map((r: any) => r.id), [1, 2, 5], "first page");
  rows = rows.filter((r) => r.id !== 5 && r.id !== 2);
  const second = p.listPage(first.nextCursor, 4);
  t.assert.equal(second.items.map((r: any) => r.id), [4, 3, 6], "second page (limit 4) after rows 2 and 5 were deleted");
  t.assert.equal(second.nextCursor, null, "nothing after that");
});

test("a cursor for a position between rows", { category: "treats the cursor as a position in (createdAt, id) order" }, (t) => {
  const rows = table([10, 20, 20, 20, 20, 30]); // ids 2..5 share T0 - 20 s
  const p = paginator(t, () => rows);
  const page = p.listPage(cursorFor(t, { createdAt: T0 - 20_000, id: 4 }), 10);
  t.assert.equal(page.items.map((r: any) => r.id), [3, 2, 6], "after (T0-20s, id 4)");
  const between = p.listPage(cursorFor(t, { createdAt: T0 - 15_000, id: 1 }), 10);
  t.assert.equal(between.items.map((r: any) => r.id), [5, 4, 3, 2, 6], "after a timestamp no row has");
  const past = p.listPage(cursorFor(t, { createdAt: T0 - 999_000, id: 1 }), 10);
  t.assert.equal(past, { items: [], nextCursor: null }, "after every row");
});

test("cursors that are not valid base64url JSON", { category: "rejects malformed or truncated cursors with InvalidCursorError" }, (t) => {
  const rows = table([10, 20, 30, 40]);
  const p = paginator(t, () => rows);
  const good = p.listPage(null, 1).nextCursor as string;
  rejectsCursor(t, () => p.listPage(good.slice(0, -4), 1), "a truncated cursor");
  rejectsCursor(t, () => p.listPage(good + "e30", 1), "a cursor with bytes appended");
  rejectsCursor(t, () => p.listPage("", 1), "an empty string");
  rejectsCursor(t, () => p.listPage(t.crypto.base64urlEncode("createdAt=1&id=2"), 1), "base64url of something that is not JSON");
});

test("JSON cursors with the wrong shape", { category: "rejects cursors whose fields are missing or not integers" }, (t) => {
  const rows = table([10, 20, 30, 40]);
  const p = paginator(t, () => rows);
  const cases: Array<[string, unknown]> = [
    ["null", null],
    ["an array", [T0, 2]],
    ["a number", 42],
    ["createdAt as a string", { createdAt: String(T0), id: 2 }],
    ["id as a string", { createdAt: T0, id: "2" }],
    ["a missing id", { createdAt: T0 }],
    ["a fractional id", { createdAt: T0, id: 1.5 }],
    ["an empty object", {}],
  ];
  for (const [what, value] of cases) {
    rejectsCursor(t, () => p.listPage(cursorFor(t, value), 1), `a cursor encoding ${what}`);
  }
});
