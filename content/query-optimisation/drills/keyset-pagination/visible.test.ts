const T0 = 1_700_000_000_000;

/** Rows with ids 1..n; `ages[i]` is how many seconds before T0 row i+1 was created. Sorted newest first. */
function table(ages: number[]) {
  const rows = ages.map((age, i) => ({ id: i + 1, createdAt: T0 - age * 1000, title: `event ${i + 1}` }));
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

function paginator(t: any, rows: { id: number; createdAt: number }[]) {
  return t.exports.createPaginator({ scan: () => rows, base64urlEncode: t.crypto.base64urlEncode, base64urlDecode: t.crypto.base64urlDecode });
}

test("the first page holds the newest rows and a cursor", (t) => {
  const rows = table([50, 40, 30, 20, 10]); // id 5 is the newest
  const page = paginator(t, rows).listPage(null, 2);
  t.assert.equal(page.items.map((r: any) => r.id), [5, 4], "ids on the first page (limit 2)");
  t.assert.equal(page.items[0], rows[0], "items are the row objects from scan()");
  t.assert.equal(typeof page.nextCursor, "string", "nextCursor when more rows follow");
});

test("the cursor is base64url JSON of the last row's createdAt and id", (t) => {
  const rows = table([50, 40, 30, 20, 10]);
  const page = paginator(t, rows).listPage(null, 2);
  t.assert.equal(typeof page.nextCursor, "string", "nextCursor of the first page (limit 2 of 5 rows)");
  const decoded = JSON.parse(t.crypto.base64urlDecode(page.nextCursor));
  t.assert.equal(decoded, { createdAt: T0 - 20_000, id: 4 }, "decoded nextCursor of the first page");
});

test("walking every page visits each row once, newest first", (t) => {
  const rows = table([70, 10, 60, 20, 50, 30, 40]);
  const p = paginator(t, rows);
  const seen: number[][] = [];
  let cursor: string | null = null;
  for (let i = 0; i < 10; i++) {
    const page = p.listPage(cursor, 3);
    seen.push(page.items.map((r: any) => r.id));
    cursor = page.nextCursor;
    if (cursor === null) break;
  }
  t.assert.equal(seen, [[2, 4, 6], [7, 5, 3], [1]], "ids page by page with limit 3");
  t.assert.equal(cursor, null, "nextCursor on the last page");
});

test("an empty table gives one empty last page", (t) => {
  const page = paginator(t, []).listPage(null, 10);
  t.assert.equal(page, { items: [], nextCursor: null }, "page of an empty table");
});

test("a cursor that is not base64url JSON is rejected", (t) => {
  const p = paginator(t, table([3, 2, 1]));
  rejectsCursor(t, () => p.listPage("%%not-a-cursor%%", 2), "garbage cursor");
});
