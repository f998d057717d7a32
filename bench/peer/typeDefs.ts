// The discgraph knowledge graph as an @neo4j/graphql 7 schema: the peer server of the benchmark.
// It maps the same Neo4j database our server reads (labels, relationship types and properties as
// the seed loader writes them; see src/graph/model.ts and src/seed/schema.ts) the way an
// experienced @neo4j/graphql user would: one @node type per label, every relationship of the
// catalogue as a @relationship field in both directions with the claim as shared
// @relationshipProperties, a read-only API (@mutation(operations: [])) with the same page-size
// bounds as ours (@limit), and @cypher only for what the generated API cannot express: a node's
// cited sources (ids stored on the node), the cross-label full-text search, the evidence card's
// custom rankings, the neighbourhood and the shortest paths.

import {
  AGENT_TYPES,
  CELL_ORIGINS,
  CONDITION_CATEGORIES,
  ENROLLMENT_KINDS,
  EVIDENCE_LEVELS,
  KNOWLEDGE_LEVELS,
  MANIPULATIONS,
  OUTCOME_DIRECTIONS,
  OUTCOME_MEASURES,
  PRODUCT_KINDS,
  REGULATORY_STATUS_KINDS,
  RISK_FREQUENCIES,
  RISK_SEVERITIES,
  SOURCE_KINDS,
  STUDY_DESIGNS,
  TRIAL_PHASES,
  TRIAL_STATUSES,
  VALUE_QUALIFIERS,
} from '../../src/graph/model';

/** An enum of the model's values, so the peer never lags behind what the graph holds. */
const enumOf = (name: string, values: readonly string[]) => `enum ${name} {\n    ${values.join('\n    ')}\n  }`;

/** The EntityRef map of node `n`: its own label is the one that is not Entity. */
const ref = (n: string) => `{id: ${n}.id, label: [l IN labels(${n}) WHERE l <> 'Entity'][0], name: ${n}.name}`;

/**
 * Trials of the condition or of a subtype (SUBCLASS_OF up to 3 levels), as our TrialFilter's
 * conditionIds and evidenceSummary define them. Used by the evidence card's @cypher fields.
 */
const CARD_TRIALS = `
MATCH (cc:Condition {id: $conditionId})
CALL (cc) {
  MATCH (t:Trial)-[:STUDIES]->(:Condition)-[:SUBCLASS_OF*0..3]->(cc)
  RETURN collect(DISTINCT t) AS trials
}`;

/** Rank of each EvidenceLevel, strongest first (the order of EVIDENCE_LEVELS in src/graph/model.ts). */
const LEVEL_RANK = `{SYSTEMATIC_REVIEW: 0, RANDOMISED_CONTROLLED_TRIAL: 1, NON_RANDOMISED_TRIAL: 2,
  OBSERVATIONAL_STUDY: 3, CASE_REPORT: 4, EXPERT_OR_NARRATIVE: 5, PRECLINICAL: 6, CURATED_DATABASE: 7}`;

/** The cited sources of a node: its sourceIds, resolved by index seeks on Source.id. */
const SOURCES_FIELD = `
  "The sources that describe this entity."
  sources: [Source!]!
    @cypher(statement: "MATCH (s:Source) WHERE s.id IN this.sourceIds RETURN s", columnName: "s")`;

/**
 * Properties every entity has. The loader's bookkeeping (version, createdAt, updatedAt, updatedBy)
 * is left out, as our server's benchmark operations never read it; a DateTime field would also need
 * APOC, which the library calls to format temporals and this Community database does not have.
 */
const ENTITY_FIELDS = `
  "Stable, readable id such as condition:degenerative-disc-disease."
  id: ID!
  name: String!
  description: String
  synonyms: [String!]
  "Primary ontology identifier (CURIE), if any."
  curie: String
  "Further CURIEs that name the same thing."
  xrefs: [String!]
  "Ids of the Source nodes that describe this entity."
  sourceIds: [String!]!
  ${SOURCES_FIELD}`;

/** Every relationship is a claim: its properties are the Claim type. */
const claim = (type: string, direction: 'IN' | 'OUT') =>
  `@relationship(type: "${type}", direction: ${direction}, properties: "Claim")`;

export const typeDefs = /* GraphQL */ `#graphql
  # Read-only: the curated graph is written by the seed loader, never through this API.
  extend schema @mutation(operations: [])

  ${enumOf('EvidenceLevel', EVIDENCE_LEVELS)}
  ${enumOf('KnowledgeLevel', KNOWLEDGE_LEVELS)}
  ${enumOf('AgentType', AGENT_TYPES)}
  ${enumOf('CellOrigin', CELL_ORIGINS)}
  ${enumOf('ConditionCategory', CONDITION_CATEGORIES)}
  ${enumOf('ProductKind', PRODUCT_KINDS)}
  ${enumOf('Manipulation', MANIPULATIONS)}
  ${enumOf('TrialPhase', TRIAL_PHASES)}
  ${enumOf('StudyDesign', STUDY_DESIGNS)}
  ${enumOf('TrialStatus', TRIAL_STATUSES)}
  ${enumOf('EnrollmentKind', ENROLLMENT_KINDS)}
  ${enumOf('OutcomeMeasure', OUTCOME_MEASURES)}
  ${enumOf('ValueQualifier', VALUE_QUALIFIERS)}
  ${enumOf('OutcomeDirection', OUTCOME_DIRECTIONS)}
  ${enumOf('RiskSeverity', RISK_SEVERITIES)}
  ${enumOf('RiskFrequency', RISK_FREQUENCIES)}
  ${enumOf('RegulatoryStatusKind', REGULATORY_STATUS_KINDS)}
  ${enumOf('SourceKind', SOURCE_KINDS)}

  "A claim: every relationship carries its evidence."
  type Claim @relationshipProperties {
    id: ID!
    level: EvidenceLevel!
    knowledgeLevel: KnowledgeLevel!
    agentType: AgentType!
    note: String
    "Ids of the Source nodes the claim cites."
    sourceIds: [String!]!
  }

  "Anything in the graph (every node also carries the label Entity)."
  interface Entity @limit(default: 20, max: 100) {
    id: ID!
    name: String!
    description: String
    synonyms: [String!]
    curie: String
    xrefs: [String!]
    sourceIds: [String!]!
    sources: [Source!]!
  }

  "What a risk is associated with, or a regulatory status applies to."
  union Intervention = CellType | Product

  "A tissue cells are collected from."
  type CellSource implements Entity @node @limit(default: 20, max: 100) {
    ${ENTITY_FIELDS}
    origins: [CellOrigin!]!
    collectionMethod: String
    cellTypes: [CellType!]! ${claim('DERIVES_FROM', 'IN')}
    products: [Product!]! ${claim('PREPARED_FROM', 'IN')}
  }

  "A kind of cell."
  type CellType implements Entity @node @limit(default: 20, max: 100) {
    ${ENTITY_FIELDS}
    derivedFrom: [CellSource!]! ${claim('DERIVES_FROM', 'OUT')}
    parents: [CellType!]! ${claim('SUBCLASS_OF', 'OUT')}
    subtypes: [CellType!]! ${claim('SUBCLASS_OF', 'IN')}
    products: [Product!]! ${claim('CONTAINS_CELL_TYPE', 'IN')}
    mechanisms: [Mechanism!]! ${claim('CAPABLE_OF', 'OUT')}
    risks: [Risk!]! ${claim('HAS_ADVERSE_EVENT', 'OUT')}
    regulatoryStatus: [RegulatoryStatus!]! ${claim('HAS_REGULATORY_STATUS', 'OUT')}
  }

  "A cell product or preparation."
  type Product implements Entity @node @limit(default: 20, max: 100) {
    ${ENTITY_FIELDS}
    kind: ProductKind!
    developer: String
    origin: CellOrigin
    manipulation: Manipulation
    route: String
    cellSources: [CellSource!]! ${claim('PREPARED_FROM', 'OUT')}
    cellTypes: [CellType!]! ${claim('CONTAINS_CELL_TYPE', 'OUT')}
    trials: [Trial!]! ${claim('TESTS', 'IN')}
    risks: [Risk!]! ${claim('HAS_ADVERSE_EVENT', 'OUT')}
    regulatoryStatus: [RegulatoryStatus!]! ${claim('HAS_REGULATORY_STATUS', 'OUT')}
  }

  "A mechanism of action."
  type Mechanism implements Entity @node @limit(default: 20, max: 100) {
    ${ENTITY_FIELDS}
    cellTypes: [CellType!]! ${claim('CAPABLE_OF', 'IN')}
    conditions: [Condition!]! ${claim('AFFECTS', 'OUT')}
    supportingOutcomes: [Outcome!]! ${claim('SUPPORTS', 'IN')}
  }

  "A disease or phenotype."
  type Condition implements Entity @node @limit(default: 20, max: 100) {
    ${ENTITY_FIELDS}
    category: ConditionCategory!
    mechanisms: [Mechanism!]! ${claim('AFFECTS', 'IN')}
    contributesTo: [Condition!]! ${claim('CONTRIBUTES_TO', 'OUT')}
    contributingConditions: [Condition!]! ${claim('CONTRIBUTES_TO', 'IN')}
    parents: [Condition!]! ${claim('SUBCLASS_OF', 'OUT')}
    subtypes: [Condition!]! ${claim('SUBCLASS_OF', 'IN')}
    trials: [Trial!]! ${claim('STUDIES', 'IN')}
    regulatoryStatus: [RegulatoryStatus!]! ${claim('APPLIES_TO_CONDITION', 'IN')}
  }

  "A clinical trial or study."
  type Trial implements Entity @node @limit(default: 20, max: 100) {
    ${ENTITY_FIELDS}
    registryId: String
    acronym: String
    phase: TrialPhase!
    design: StudyDesign!
    evidenceLevel: EvidenceLevel!
    status: TrialStatus!
    enrollment: Int
    enrollmentKind: EnrollmentKind
    startYear: Int
    completionYear: Int
    followUpMonths: Float
    sponsor: String
    sites: Int
    countries: [String!]
    arms: [String!]
    conditions: [Condition!]! ${claim('STUDIES', 'OUT')}
    interventions: [Product!]! ${claim('TESTS', 'OUT')}
    outcomes: [Outcome!]! ${claim('HAS_OUTCOME', 'OUT')}
    reportedRisks: [Risk!]! ${claim('REPORTED_ADVERSE_EVENT', 'OUT')}
  }

  "A result a trial reported."
  type Outcome implements Entity @node @limit(default: 20, max: 100) {
    ${ENTITY_FIELDS}
    measure: OutcomeMeasure!
    instrument: String
    value: Float
    valueQualifier: ValueQualifier
    unit: String
    baselineValue: Float
    direction: OutcomeDirection!
    comparison: String
    timepointMonths: Float
    population: String
    sampleSize: Int
    pValue: Float
    trials: [Trial!]! ${claim('HAS_OUTCOME', 'IN')}
    assessedRisks: [Risk!]! ${claim('ASSESSES', 'OUT')}
    supportsMechanisms: [Mechanism!]! ${claim('SUPPORTS', 'OUT')}
  }

  "An adverse event or concern."
  type Risk implements Entity @node @limit(default: 20, max: 100) {
    ${ENTITY_FIELDS}
    severity: RiskSeverity!
    frequency: RiskFrequency!
    assessedBy: [Outcome!]! ${claim('ASSESSES', 'IN')}
    associatedWith: [Intervention!]! ${claim('HAS_ADVERSE_EVENT', 'IN')}
    reportedIn: [Trial!]! ${claim('REPORTED_ADVERSE_EVENT', 'IN')}
  }

  "A regulatory standing in one jurisdiction."
  type RegulatoryStatus implements Entity @node @limit(default: 20, max: 100) {
    ${ENTITY_FIELDS}
    jurisdiction: String!
    authority: String!
    status: RegulatoryStatusKind!
    designation: String
    year: Int
    scope: String!
    appliesTo: [Intervention!]! ${claim('HAS_REGULATORY_STATUS', 'IN')}
    conditions: [Condition!]! ${claim('APPLIES_TO_CONDITION', 'OUT')}
  }

  """
  An article, review, registry record or ontology that claims cite. No default page size: the
  \`sources\` field of every entity (a @cypher list, which takes no \`limit\`) lists them all, up to
  the maximum.
  """
  type Source implements Entity @node @limit(max: 100) {
    ${ENTITY_FIELDS}
    kind: SourceKind!
    year: Int
    authors: String
    journal: String
    doi: String
    pmid: String
    pmcid: String
    registryId: String
    url: String
  }

  """
  An entity as @cypher maps return it. (A @cypher field cannot nest a node of an interface type
  inside a non-node object type: the library resolves the interface only where it projects the
  node itself, so these carry the entity's label, id and name as plain values.)
  """
  type EntityRef {
    id: ID!
    "The entity's label (its type name), e.g. Trial."
    label: String!
    name: String!
  }

  "One hit of a full-text search."
  type SearchHit {
    score: Float!
    entity: EntityRef!
  }

  "A page of full-text hits and how many there are in all."
  type SearchResult {
    totalCount: Int!
    hits: [SearchHit!]!
  }

  "A claim between two entities of a neighbourhood or a path."
  type GraphClaim {
    id: ID!
    type: String!
    "Id of the claim's subject (where the relationship starts)."
    sourceId: ID!
    "Id of the claim's object (where the relationship ends)."
    targetId: ID!
    level: EvidenceLevel!
    sourceIds: [String!]!
  }

  "Entities near a centre, nearest first, and the claims among them."
  type Neighborhood {
    nodes: [EntityRef!]!
    claims: [GraphClaim!]!
  }

  "One step of a path: a claim walked forwards (subject to object) or backwards."
  type PathStep {
    from: EntityRef!
    to: EntityRef!
    forward: Boolean!
    claim: GraphClaim!
  }

  type Path {
    length: Int!
    steps: [PathStep!]!
  }

  "How many claims behind an evidence card have each evidence level."
  type EvidenceLevelCount {
    level: EvidenceLevel!
    count: Int!
  }

  type Query {
    """
    Full-text search over the entity_search index (every label): the best \`first\` hits, best score
    first, and the total number of hits. \`phrase\` is Lucene query syntax.
    """
    search(phrase: String!, first: Int! = 10): SearchResult!
      @cypher(
        statement: """
        CALL db.index.fulltext.queryNodes('entity_search', $phrase) YIELD node, score
        WITH node, score
        ORDER BY score DESC, node.id ASC
        WITH collect({node: node, score: score}) AS hits
        RETURN {
          totalCount: size(hits),
          hits: [hit IN hits[..toInteger($first)] | {score: hit.score, entity: ${ref('hit.node')}}]
        } AS result
        """
        columnName: "result"
      )

    """
    Entities within \`depth\` claims (1 or 2, either direction) of the centre, at most \`limit\` of them
    with the centre, nearest first, and every claim among them. Null when no entity has the id.
    """
    neighborhood(centreId: ID!, depth: Int! = 2, limit: Int! = 50): Neighborhood
      @cypher(
        statement: """
        MATCH (c:Entity {id: $centreId})
        CALL (c) {
          MATCH (c)--(m:Entity)
          WHERE m <> c
          WITH DISTINCT m
          LIMIT toInteger($limit)
          RETURN collect(m) AS level1
        }
        WITH c, level1[..toInteger($limit) - 1] AS level1
        CALL (c, level1) {
          UNWIND CASE WHEN $depth >= 2 THEN level1 ELSE [] END AS f
          MATCH (f)--(m:Entity)
          WHERE m <> c AND NOT m IN level1
          WITH DISTINCT m
          LIMIT toInteger($limit)
          RETURN collect(m) AS level2
        }
        WITH [c] + level1 + level2[..toInteger($limit) - 1 - size(level1)] AS nodes
        CALL (nodes) {
          UNWIND nodes AS a
          MATCH (a)-[r]->(b:Entity)
          WHERE b IN nodes
          WITH r, a, b
          ORDER BY r.id
          RETURN collect({id: r.id, type: type(r), sourceId: a.id, targetId: b.id, level: r.level,
                          sourceIds: r.sourceIds}) AS claims
        }
        RETURN {nodes: [n IN nodes | ${ref('n')}], claims: claims} AS result
        """
        columnName: "result"
      )

    """
    Up to \`first\` shortest paths (at most 4 claims, either direction) between two entities, shortest
    first. No entity repeats, and neither an end point nor a Source is an inner node.
    """
    paths(fromId: ID!, toId: ID!, first: Int! = 5): [Path!]!
      @cypher(
        statement: """
        MATCH (a:Entity {id: $fromId}), (b:Entity {id: $toId})
        MATCH p = SHORTEST 40 (a) ((s)-[]-(x) WHERE x <> a AND x <> b AND NOT x:Source){0,3} (last)-[]-(b)
        WITH p
        WHERE all(i IN range(0, length(p) - 1) WHERE NOT nodes(p)[i] IN nodes(p)[i + 1..])
        WITH p
        ORDER BY length(p), [n IN nodes(p) | n.id], [r IN relationships(p) | r.id]
        LIMIT toInteger($first)
        WITH p, nodes(p) AS ns
        RETURN {
          length: length(p),
          steps: [i IN range(0, length(p) - 1) | {
            from: ${ref('ns[i]')},
            to: ${ref('ns[i + 1]')},
            forward: startNode(relationships(p)[i]) = ns[i],
            claim: {id: relationships(p)[i].id, type: type(relationships(p)[i]),
                    sourceId: startNode(relationships(p)[i]).id, targetId: endNode(relationships(p)[i]).id,
                    level: relationships(p)[i].level, sourceIds: relationships(p)[i].sourceIds}
          }]
        } AS path
        """
        columnName: "path"
      )

    """
    The evidence card's trials: those studying the condition or a subtype (up to 3 levels), strongest
    evidence level first, then largest enrollment, then id.
    """
    evidenceTrials(conditionId: ID!, limit: Int! = 20): [Trial!]!
      @cypher(
        statement: """
        ${CARD_TRIALS}
        UNWIND trials AS t
        WITH t
        ORDER BY coalesce(${LEVEL_RANK}[t.evidenceLevel], 1000) ASC, coalesce(t.enrollment, -1) DESC, t.id ASC
        LIMIT toInteger($limit)
        RETURN t
        """
        columnName: "t"
      )

    """
    The evidence card's best outcomes of those trials: improved first, then by the strength of the
    trial's evidence, then latest time point. Each outcome's best trial is its trialsConnection.
    """
    evidenceBestOutcomes(conditionId: ID!, limit: Int! = 10): [Outcome!]!
      @cypher(
        statement: """
        ${CARD_TRIALS}
        UNWIND trials AS t
        MATCH (t)-[:HAS_OUTCOME]->(o:Outcome)
        WITH o, min(coalesce(${LEVEL_RANK}[t.evidenceLevel], 1000)) AS trialRank
        ORDER BY CASE WHEN o.direction = 'IMPROVED' THEN 0 ELSE 1 END ASC, trialRank ASC,
                 coalesce(o.timepointMonths, -1) DESC, o.id ASC
        LIMIT toInteger($limit)
        RETURN o
        """
        columnName: "o"
      )

    """
    The evidence card's claims by evidence level: the STUDIES claims of its trials (to the condition
    or a subtype) and their HAS_OUTCOME claims. Every level, zero included.
    """
    evidenceLevelCounts(conditionId: ID!): [EvidenceLevelCount!]!
      @cypher(
        statement: """
        ${CARD_TRIALS}
        CALL (cc, trials) {
          UNWIND trials AS t
          CALL (t, cc) {
            MATCH (t)-[r:STUDIES]->(:Condition)-[:SUBCLASS_OF*0..3]->(cc)
            RETURN r
            UNION
            MATCH (t)-[r:HAS_OUTCOME]->(:Outcome)
            RETURN r
          }
          WITH r.level AS level, count(DISTINCT r) AS count
          RETURN collect({level: level, count: count}) AS counted
        }
        UNWIND keys(${LEVEL_RANK}) AS level
        WITH level, [c IN counted WHERE c.level = level | c.count] AS found
        ORDER BY ${LEVEL_RANK}[level]
        RETURN {level: level, count: coalesce(found[0], 0)} AS levelCount
        """
        columnName: "levelCount"
      )
  }
`;
