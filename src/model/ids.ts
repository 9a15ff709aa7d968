/** Small-integer ids for contents, for memo keys. */

/**
 * Small-integer ids for contents (cell parses and readings, table descriptions): equal contents get
 * equal ids. Ids are never reused, since check outcomes are memoised by them, even when a
 * long-lived process forgets old contents to bound its memory.
 */
export class IdTable {
  private readonly ids = new Map<string, number>();
  private next = 0;

  of(content: string): number {
    let id = this.ids.get(content);
    if (id === undefined) {
      if (this.ids.size >= 100_000) this.ids.clear();
      id = this.next++;
      this.ids.set(content, id);
    }
    return id;
  }
}
