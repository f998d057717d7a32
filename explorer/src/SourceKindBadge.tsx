// What kind of document a source is (the API's SourceKind), in words and with a shape of its own,
// so that a consumer article never reads like a trial report and colour is never the only cue.
import type { ReactNode } from 'react';
import { enumLabel } from './model';
import './evidence.css';

/** Shorter words for the kinds; any other kind reads as its enum name in words. */
const KIND_WORDS: Record<string, string> = {
  PEER_REVIEWED_ARTICLE: 'Peer-reviewed article',
  SYSTEMATIC_REVIEW: 'Systematic review or meta-analysis',
  TRIAL_REGISTRY_RECORD: 'Registry record',
  REGULATORY_DOCUMENT: 'Regulatory document',
  CONSUMER_HEALTH_ARTICLE: 'Consumer article, not peer reviewed',
  ONTOLOGY: 'Ontology',
};

export function sourceKindWords(kind: string): string {
  return KIND_WORDS[kind] ?? enumLabel(kind);
}

/** One pictogram per kind, drawn on a 16 × 16 grid with the text colour. */
const KIND_SHAPES: Record<string, ReactNode> = {
  // A page with lines of text.
  PEER_REVIEWED_ARTICLE: (
    <>
      <path d="M3.5 1.5h6l3 3v10h-9z" />
      <path d="M5.5 7h5M5.5 9.5h5M5.5 12h3" />
    </>
  ),
  // Pages stacked: many studies read together.
  SYSTEMATIC_REVIEW: (
    <>
      <path d="M5.5 1.5h8v10" />
      <path d="M2.5 4.5h8v10h-8z" />
      <path d="M4.5 8h4M4.5 11h4" />
    </>
  ),
  // A register: rows with a bullet each.
  TRIAL_REGISTRY_RECORD: (
    <>
      <rect x="2" y="2" width="12" height="12" rx="1" />
      <path d="M7 5.5h5M7 8h5M7 10.5h5" />
      <circle cx="4.75" cy="5.5" r="0.6" />
      <circle cx="4.75" cy="8" r="0.6" />
      <circle cx="4.75" cy="10.5" r="0.6" />
    </>
  ),
  // A seal.
  REGULATORY_DOCUMENT: (
    <>
      <path d="M8 1.5l5 2v4c0 3.3-2.2 5.7-5 7-2.8-1.3-5-3.7-5-7v-4z" />
      <path d="M5.8 8l1.6 1.6 3-3.2" />
    </>
  ),
  // A speech bubble: something said, not peer reviewed.
  CONSUMER_HEALTH_ARTICLE: <path d="M2 3h12v8h-6.5l-3.5 3v-3h-2z" />,
  // A small tree of classes.
  ONTOLOGY: (
    <>
      <circle cx="8" cy="3.5" r="2" />
      <circle cx="3.5" cy="12.5" r="2" />
      <circle cx="12.5" cy="12.5" r="2" />
      <path d="M7 5.2l-2.6 5.5M9 5.2l2.6 5.5" />
    </>
  ),
};

const OTHER_SHAPE = <circle cx="8" cy="8" r="5.5" />;

export function SourceKindBadge({ kind }: { kind: string }) {
  return (
    <span className="source-kind" data-kind={kind}>
      <svg className="source-kind-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
        {KIND_SHAPES[kind] ?? OTHER_SHAPE}
      </svg>
      {sourceKindWords(kind)}
    </span>
  );
}
