import { describe, expect, it } from 'vitest';
import { appendPage, type Page, walkPages } from './paging';

type Row = { id: string };
const key = (row: Row) => row.id;
const rows = (...ids: string[]) => ids.map((id) => ({ id }));

/** A fake API over fixed pages, with cursors "1", "2"…, recording the cursors it was asked for. */
function pagedApi(pages: Row[][]) {
  const asked: (string | undefined)[] = [];
  const load = async (cursor: string | undefined): Promise<Page<Row>> => {
    asked.push(cursor);
    const index = cursor === undefined ? 0 : Number(cursor);
    return { items: pages[index] ?? [], nextCursor: index + 1 < pages.length ? String(index + 1) : null };
  };
  return { load, asked };
}

describe('appendPage', () => {
  it('adds the new page after the rows shown, in its order', () => {
    expect(appendPage(rows('a', 'b'), rows('c', 'd'), key)).toEqual(rows('a', 'b', 'c', 'd'));
  });

  it('leaves out a row already shown, as when a row moved down a page meanwhile', () => {
    expect(appendPage(rows('a', 'b'), rows('b', 'c', 'c'), key)).toEqual(rows('a', 'b', 'c'));
  });
});

describe('walkPages', () => {
  it('follows each cursor for as many pages as were shown, and keeps the cursor to the next', async () => {
    const api = pagedApi([rows('a'), rows('b'), rows('c')]);
    const walked = await walkPages(api.load, 2, key);
    expect(api.asked).toEqual([undefined, '1']);
    expect(walked).toEqual({ items: rows('a', 'b'), nextCursor: '2', pages: 2 });
  });

  it('stops at the last page, with no cursor left, when fewer pages exist now', async () => {
    const api = pagedApi([rows('a'), rows('b')]);
    const walked = await walkPages(api.load, 5, key);
    expect(api.asked).toEqual([undefined, '1']);
    expect(walked).toEqual({ items: rows('a', 'b'), nextCursor: null, pages: 2 });
  });

  it('loads the first page even when asked for none', async () => {
    const api = pagedApi([rows('a'), rows('b')]);
    expect(await walkPages(api.load, 0, key)).toEqual({ items: rows('a'), nextCursor: '1', pages: 1 });
  });

  it('fails as the failing page does', async () => {
    const load = async (cursor: string | undefined): Promise<Page<Row>> => {
      if (cursor !== undefined) throw new Error('offline');
      return { items: rows('a'), nextCursor: 'x' };
    };
    await expect(walkPages(load, 2, key)).rejects.toThrow('offline');
  });
});
