// A small data hook: runs an operation when its variables change, keeps only the answer to the
// latest request (a slow earlier answer never overwrites a newer one) and exposes a retry.
import { useCallback, useEffect, useState } from 'react';
import { ApiError, graphql } from './api';

export interface QueryState<T> {
  data: T | undefined;
  error: ApiError | undefined;
  loading: boolean;
  retry: () => void;
}

export function toApiError(error: unknown): ApiError {
  return error instanceof ApiError
    ? error
    : new ApiError('unexpected', 'Something unexpected happened in the explorer. Please reload the page.');
}

export function useQuery<T>(query: string, variables: Record<string, unknown>, enabled = true): QueryState<T> {
  const key = JSON.stringify(variables);
  const [attempt, setAttempt] = useState(0);
  const [state, setState] = useState<{ key: string; data?: T; error?: ApiError } | undefined>(undefined);

  useEffect(() => {
    if (!enabled) {
      return;
    }
    let current = true;
    graphql<T>(query, JSON.parse(key) as Record<string, unknown>).then(
      (data) => {
        if (current) {
          setState({ key, data });
        }
      },
      (error: unknown) => {
        if (current) {
          setState({ key, error: toApiError(error) });
        }
      },
    );
    return () => {
      current = false;
    };
  }, [query, key, enabled, attempt]);

  const retry = useCallback(() => {
    setState(undefined);
    setAttempt((n) => n + 1);
  }, []);

  const fresh = state !== undefined && state.key === key;
  return {
    data: fresh ? state.data : undefined,
    error: fresh ? state.error : undefined,
    loading: enabled && !fresh,
    retry,
  };
}
