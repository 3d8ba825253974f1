// The observer: turns the page's own DOM changes into work for the loop. Marks never touch the DOM, so every
// record is the page's: nothing of ours to filter out. It does no scanning itself: each record costs a few set
// operations, so even a storm of 10,000 changes a second keeps the callback short.
//
// Who calls it: page/annotator.ts creates it and observes the document and every open shadow root it adopts.

export interface ObserverSink {
  /** The page wrote to a text node it holds (`node.data += …`, `.replace…`). */
  textChanged(text: Text): void;
  /** A node (text or subtree) was added or moved into the page. */
  added(node: Node): void;
  /** Something was removed: marks of text that left the page must go. */
  removed(): void;
  /** The text before `node` changed: what follows it in the block may read differently now. */
  contextChanged(node: Node): void;
  /** An element's contenteditable attribute changed: it may have become, or stopped being, an editor. */
  editableChanged(el: Element): void;
  /** Called after each batch of records, with how many there were (the loop measures storms with it). */
  batch(records: number): void;
}

export interface PageObserver {
  observe(root: Node): void;
  /** Delivers what the browser has queued but not yet handed over (before answering "are you done?"). */
  flush(): void;
  disconnect(): void;
}

const OBSERVE: MutationObserverInit = {
  childList: true,
  subtree: true,
  characterData: true,
  attributeFilter: ['contenteditable'],
};

export function createObserver(sink: ObserverSink): PageObserver {
  const Observer = globalThis.MutationObserver;
  const handle = (records: MutationRecord[]): void => {
    let removed = false;
    for (const { type, target, addedNodes, removedNodes, previousSibling, nextSibling } of records) {
      if (type === 'characterData') {
        sink.textChanged(target as Text);
        sink.contextChanged(target);
      } else if (type === 'attributes') {
        sink.editableChanged(target as Element);
      } else {
        if (removedNodes.length > 0) removed = true;
        for (const node of addedNodes) if (node.nodeType === 3 || node.nodeType === 1) sink.added(node);
        const last = addedNodes[addedNodes.length - 1];
        if (last?.parentNode) sink.contextChanged(last);
        else if (previousSibling?.parentNode) sink.contextChanged(previousSibling);
        else if (nextSibling?.parentNode) sink.added(nextSibling);
      }
    }
    if (removed) sink.removed();
    sink.batch(records.length);
  };
  const observer = typeof Observer === 'function' ? new Observer(handle) : null;
  return {
    observe(root) {
      observer?.observe(root, OBSERVE);
    },
    flush() {
      const pending = observer?.takeRecords() ?? [];
      if (pending.length > 0) handle(pending);
    },
    disconnect() {
      observer?.disconnect();
    },
  };
}
