/** A node of a `WaitingList`: the links live on the item itself so that removal is O(1). */
export interface ListNode<T> {
  prev: T | null;
  next: T | null;
}

/** A FIFO with O(1) push, shift and removal of any item: dequeues and cancels never scan the queue. */
export class WaitingList<T extends ListNode<T>> {
  #head: T | null = null;
  #tail: T | null = null;
  #size = 0;

  get size(): number {
    return this.#size;
  }

  push(item: T): void {
    item.prev = this.#tail;
    item.next = null;
    if (this.#tail) this.#tail.next = item;
    else this.#head = item;
    this.#tail = item;
    this.#size++;
  }

  shift(): T | undefined {
    const head = this.#head;
    if (head) this.remove(head);
    return head ?? undefined;
  }

  /** Removes `item`, which must be in this list. */
  remove(item: T): void {
    if (item.prev) item.prev.next = item.next;
    else this.#head = item.next;
    if (item.next) item.next.prev = item.prev;
    else this.#tail = item.prev;
    item.prev = item.next = null;
    this.#size--;
  }

  *[Symbol.iterator](): IterableIterator<T> {
    for (let item = this.#head; item; item = item.next) yield item;
  }
}
