/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** How strong the study behind a claim is. */
export type EvidenceLevel =
  /** Case reports or case series. */
  | 'CASE_REPORT'
  /** A curated database: a trial registry record or an ontology. */
  | 'CURATED_DATABASE'
  /** An expert opinion, narrative review or general article. */
  | 'EXPERT_OR_NARRATIVE'
  /** A controlled or single-arm trial without randomisation. */
  | 'NON_RANDOMISED_TRIAL'
  /** A cohort, registry or other observational study. */
  | 'OBSERVATIONAL_STUDY'
  /** Laboratory or animal studies. */
  | 'PRECLINICAL'
  /** A randomised controlled trial. */
  | 'RANDOMISED_CONTROLLED_TRIAL'
  /** A systematic review or meta-analysis of studies. */
  | 'SYSTEMATIC_REVIEW';

/** Clinical trial phase. */
export type TrialPhase =
  /** Early phase 1. */
  | 'EARLY_PHASE_1'
  /** Not applicable. */
  | 'NOT_APPLICABLE'
  /** Phase 1. */
  | 'PHASE_1'
  /** Phase 1 2. */
  | 'PHASE_1_2'
  /** Phase 2. */
  | 'PHASE_2'
  /** Phase 2 3. */
  | 'PHASE_2_3'
  /** Phase 3. */
  | 'PHASE_3'
  /** Phase 4. */
  | 'PHASE_4';

/** Recruitment status of a trial. */
export type TrialStatus =
  /** Active not recruiting. */
  | 'ACTIVE_NOT_RECRUITING'
  /** Completed. */
  | 'COMPLETED'
  /** Not yet recruiting. */
  | 'NOT_YET_RECRUITING'
  /** Under way, without saying whether it is still recruiting. */
  | 'ONGOING'
  /** Recruiting. */
  | 'RECRUITING'
  /** Halted for now; it may resume. */
  | 'SUSPENDED'
  /** Terminated. */
  | 'TERMINATED'
  /** The sources do not say. */
  | 'UNKNOWN'
  /** Stopped before its first patient was enrolled. */
  | 'WITHDRAWN';

export type GraphStatsQueryVariables = Exact<{ [key: string]: never; }>;


export type GraphStatsQuery = { __typename: 'Query', stats: { __typename: 'GraphStats', totalNodes: number, totalRelationships: number, nodes: Array<{ __typename: 'LabelCount', label: string, count: number }> } };

export type TrialsPageQueryVariables = Exact<{
  first: number;
  after?: string | null | undefined;
}>;


export type TrialsPageQuery = { __typename: 'Query', trials: { __typename: 'TrialConnection', totalCount: number, pageInfo: { __typename: 'PageInfo', hasNextPage: boolean, endCursor: string | null }, edges: Array<{ __typename: 'TrialEdge', node: { __typename: 'Trial', id: string, name: string, phase: TrialPhase | null, status: TrialStatus, enrollment: number | null, evidenceLevel: EvidenceLevel, outcomes: { __typename: 'OutcomeRelationConnection', totalCount: number } } }> } };

export type SearchEntitiesQueryVariables = Exact<{
  query: string;
  first?: number | null | undefined;
}>;


export type SearchEntitiesQuery = { __typename: 'Query', search: { __typename: 'SearchConnection', totalCount: number, edges: Array<{ __typename: 'SearchEdge', score: number, node:
        | { __typename: 'CellSource', id: string, name: string }
        | { __typename: 'CellType', id: string, name: string }
        | { __typename: 'Condition', curie: string | null, id: string, name: string }
        | { __typename: 'Mechanism', id: string, name: string }
        | { __typename: 'Organization', id: string, name: string }
        | { __typename: 'Outcome', id: string, name: string }
        | { __typename: 'Product', id: string, name: string }
        | { __typename: 'RegulatoryStatus', id: string, name: string }
        | { __typename: 'Risk', id: string, name: string }
        | { __typename: 'Source', id: string, name: string }
        | { __typename: 'Trial', registryId: string | null, phase: TrialPhase | null, id: string, name: string }
       }> } };


export const GraphStatsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"GraphStats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"stats"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalNodes"}},{"kind":"Field","name":{"kind":"Name","value":"totalRelationships"}},{"kind":"Field","name":{"kind":"Name","value":"nodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"label"}},{"kind":"Field","name":{"kind":"Name","value":"count"}}]}}]}}]}}]} as unknown as DocumentNode<GraphStatsQuery, GraphStatsQueryVariables>;
export const TrialsPageDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TrialsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"trials"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"enrollment"}},{"kind":"Field","name":{"kind":"Name","value":"evidenceLevel"}},{"kind":"Field","name":{"kind":"Name","value":"outcomes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TrialsPageQuery, TrialsPageQueryVariables>;
export const SearchEntitiesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"SearchEntities"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"query"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"search"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"query"},"value":{"kind":"Variable","name":{"kind":"Name","value":"query"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"score"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Condition"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"curie"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"Trial"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"registryId"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<SearchEntitiesQuery, SearchEntitiesQueryVariables>;