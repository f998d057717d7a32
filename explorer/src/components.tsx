// Small building blocks every page uses: headings that take focus after navigation, friendly
// error and loading states, and the chips that show an entity, its type, an evidence level, a
// claim's score and what kind of document a source is.
import { type ReactNode, useEffect, useRef } from 'react';
import type { ApiError } from './api';
import { enumLabel, LEVEL_COLOUR, typeColour, typeLabel } from './model';
import type { EntityRef, Score, SourceRef } from './queries';
import { hasNavigated, Link } from './router';
import { SourceKindBadge } from './SourceKindBadge';
import { sourceOf } from './sources';

/**
 * The page's h1. After a move to another page it takes focus, so screen readers announce the new
 * page and Tab continues from there; on the first load focus stays at the top of the document.
 */
export function PageHeading({ children, title }: { children: ReactNode; title: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = `${title} · discgraph explorer`;
    if (hasNavigated()) {
      ref.current?.focus({ preventScroll: true });
    }
  }, [title]);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}

export function Loading({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

export function ErrorMessage({ error, onRetry }: { error: ApiError; onRetry?: () => void }) {
  return (
    <div className="error" role="alert">
      <p className="error-title">{error.message}</p>
      {error.detail !== undefined && <p className="error-detail">{error.detail}</p>}
      {error.kind === 'server' && error.requestId !== undefined && (
        <p className="error-detail">
          If it keeps happening, please report it with the reference <code>{error.requestId}</code>.
        </p>
      )}
      {onRetry !== undefined && (
        <button type="button" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function TypeBadge({ typename }: { typename: string }) {
  return (
    <span className="type-badge" style={{ borderColor: typeColour(typename) }}>
      <span className="type-dot" style={{ background: typeColour(typename) }} aria-hidden="true" />
      {typeLabel(typename)}
    </span>
  );
}

export function EntityLink({ entity, showType = false }: { entity: EntityRef; showType?: boolean }) {
  return (
    <span className="entity-link">
      {showType && <TypeBadge typename={entity.__typename} />}
      <Link to={{ name: 'entity', id: entity.id }}>{entity.name}</Link>
    </span>
  );
}

/** Marks a claim stated for a broader class, not for the entity itself, and names that class. */
export function InheritedFrom({ entity }: { entity: EntityRef }) {
  return (
    <span className="inherited" data-inherited-from={entity.id}>
      <span className="inherited-label">
        <svg className="inherited-icon" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M8 14V3M3.5 7.5L8 3l4.5 4.5" />
        </svg>
        Inherited
      </span>{' '}
      from the {typeLabel(entity.__typename).toLowerCase()} <EntityLink entity={entity} />
    </span>
  );
}

export function LevelBadge({ level }: { level: string }) {
  return (
    <span className="level-badge" style={{ borderLeftColor: LEVEL_COLOUR[level] ?? '#888888' }}>
      {enumLabel(level)}
    </span>
  );
}

/** A claim's evidence score, 0 to 1, with the exact value for those who want it. */
export function ScoreTag({ score }: { score: Score }) {
  if (score === null) {
    return null;
  }
  return (
    <span className="tag score" data-score={score.value} title={`Evidence score ${score.value} of 1`}>
      score {score.value.toFixed(2)}
    </span>
  );
}

/** An evidence level with the claim's score beside it, where the claim has one. */
export function LevelAndScore({ level, score }: { level: string; score: Score }) {
  return (
    <span className="level-and-score">
      <LevelBadge level={level} />
      <ScoreTag score={score} />
    </span>
  );
}

/**
 * Each cited source as what kind of document it is, its title (linked to its page here), its
 * year, and where to read it. Give `sources` when they are at hand, or `sourceIds` for sources
 * fetched through useSources(); one not fetched yet shows its id until it is.
 */
export function Citations({ sources, sourceIds }: { sources?: readonly SourceRef[]; sourceIds?: readonly string[] }) {
  const items: ReadonlyArray<SourceRef | { id: string; title: string; year: null; url: null; kind: null }> =
    sources ?? (sourceIds ?? []).map((id) => sourceOf(id) ?? { id, title: id, year: null, url: null, kind: null });
  if (items.length === 0) {
    return <span className="muted">No source recorded</span>;
  }
  return (
    <ul className="citations">
      {items.map((source) => (
        <li key={source.id} className="citation" data-kind={source.kind ?? undefined}>
          {source.kind !== null && <SourceKindBadge kind={source.kind} />}
          <Link to={{ name: 'entity', id: source.id }}>{source.title}</Link>
          {source.year !== null && <span className="citation-year"> ({source.year})</span>}
          {source.url !== null && (
            <>
              {' '}
              <a className="external" href={source.url} target="_blank" rel="noopener noreferrer">
                read<span className="visually-hidden"> {source.title} (opens in a new tab)</span>
              </a>
            </>
          )}
        </li>
      ))}
    </ul>
  );
}
