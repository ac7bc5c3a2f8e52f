/** A binary max-heap of (key, item) pairs; equal keys come out lowest item first, so results do not depend on the heap's layout. */
export class MaxHeap {
  private readonly keys: number[] = [];
  private readonly items: number[] = [];

  get size(): number {
    return this.items.length;
  }

  push(key: number, item: number): void {
    this.keys.push(key);
    this.items.push(item);
    let at = this.items.length - 1;
    while (at > 0) {
      const parent = (at - 1) >> 1;
      if (!this.above(at, parent)) break;
      this.swap(at, parent);
      at = parent;
    }
  }

  /** The item with the largest key; the heap must not be empty. */
  pop(): number {
    const top = this.items[0] ?? -1;
    const lastKey = this.keys.pop() ?? 0;
    const lastItem = this.items.pop() ?? -1;
    if (this.items.length === 0) return top;
    this.keys[0] = lastKey;
    this.items[0] = lastItem;
    let at = 0;
    for (;;) {
      const left = 2 * at + 1;
      const right = left + 1;
      let best = at;
      if (left < this.items.length && this.above(left, best)) best = left;
      if (right < this.items.length && this.above(right, best)) best = right;
      if (best === at) return top;
      this.swap(at, best);
      at = best;
    }
  }

  private above(a: number, b: number): boolean {
    const ka = this.keys[a] ?? 0;
    const kb = this.keys[b] ?? 0;
    return ka > kb || (ka === kb && (this.items[a] ?? 0) < (this.items[b] ?? 0));
  }

  private swap(a: number, b: number): void {
    [this.keys[a], this.keys[b]] = [this.keys[b] ?? 0, this.keys[a] ?? 0];
    [this.items[a], this.items[b]] = [this.items[b] ?? 0, this.items[a] ?? 0];
  }
}
