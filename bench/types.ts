// Shared vocabulary of the benchmark: the eight dashboard operations, the parameters every server
// receives for them, and what a server adapter provides.

export const OPERATIONS = [
  'trialsNested',
  'evidenceSummary',
  'trialAggregates',
  'search',
  'neighborhood',
  'paths',
  'deepPage',
  'totalCount',
] as const;
export type OperationName = (typeof OPERATIONS)[number];

export const OPERATION_TITLES: Record<OperationName, string> = {
  trialsNested: '1 trials by condition+phase, 3 levels',
  evidenceSummary: '2 evidenceSummary card',
  trialAggregates: '3 trial aggregates phase/status',
  search: '4 search',
  neighborhood: '5 neighborhood depth 2',
  paths: '6 paths cell source → condition',
  deepPage: '7 page 50 of sorted connection',
  totalCount: '8 totalCount, largest label',
};

/** The same inputs go to all three servers, chosen from the generated graph. */
export interface BenchParams {
  /** A condition with many trials (the skew's head). */
  conditionId: string;
  /** Trial phases for operation 1. */
  phases: string[];
  /** A cell source connected (within a few claims) to conditionId, for paths. */
  cellSourceId: string;
  /** Words for the full-text search. */
  searchText: string;
  /** The centre of the neighborhood. */
  centreId: string;
  /** Page size used by list operations. */
  pageSize: number;
  /** The largest label (by node count). */
  largestLabel: string;
}

/** One HTTP request a load generator sends: a POST of a JSON body to a path. */
export interface BenchRequest {
  path: string;
  body: string;
}
