// The titles, years, links and kinds of cited sources. Claims carry only sourceIds (see queries.ts);
// this module fetches the missing ones in batches and keeps them for the rest of the visit, so
// one source cited by fifty claims is fetched once.
import { useCallback, useEffect, useState } from 'react';
import { type ApiError, graphql } from './api';
import { SOURCE_BATCH, SOURCES, type SourceRef, type SourcesResult } from './queries';
import { toApiError } from './useQuery';

const known = new Map<string, SourceRef>();

export function sourceOf(id: string): SourceRef | undefined {
  return known.get(id);
}

/** Remembers sources a query already returned in full (e.g. an entity's own `sources`). */
export function rememberSources(sources: readonly SourceRef[]): void {
  for (const source of sources) {
    known.set(source.id, source);
  }
}

async function fetchSources(ids: string[]): Promise<void> {
  for (let start = 0; start < ids.length; start += SOURCE_BATCH) {
    const data = await graphql<SourcesResult>(SOURCES, { ids: ids.slice(start, start + SOURCE_BATCH) });
    for (const node of data.nodes) {
      if (node?.id !== undefined && node.title !== undefined && node.kind !== undefined) {
        known.set(node.id, {
          id: node.id,
          title: node.title,
          year: node.year ?? null,
          url: node.url ?? null,
          kind: node.kind,
        });
      }
    }
  }
}

/** Loads the given sources; re-renders the caller once they are known. */
export function useSources(ids: readonly string[]): { error: ApiError | undefined; retry: () => void } {
  const missing = [...new Set(ids)].filter((id) => !known.has(id)).sort();
  const key = missing.join(' ');
  const [, setLoaded] = useState(0);
  const [error, setError] = useState<ApiError | undefined>(undefined);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (key === '') {
      return;
    }
    let current = true;
    fetchSources(key.split(' ')).then(
      () => {
        if (current) {
          setError(undefined);
          setLoaded((n) => n + 1);
        }
      },
      (failure: unknown) => {
        if (current) {
          setError(toApiError(failure));
        }
      },
    );
    return () => {
      current = false;
    };
  }, [key, attempt]);

  const retry = useCallback(() => setAttempt((n) => n + 1), []);
  return { error, retry };
}
