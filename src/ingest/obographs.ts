// OBO Graphs JSON (as MONDO, HP, CL, UBERON and GO publish): for the terms the graph uses (by CURIE
// or cross-reference) the ontology's label, synonyms, definition and cross-references, and their
// is_a ancestors, added as entities of the same kind with SUBCLASS_OF claims where the kind has a
// hierarchy. The ontology release is the Source of all of it.
import { z } from 'zod';
import { CURIE_PATTERN, type Label } from '../graph/model';
import { ID_PREFIX } from '../graph/registry';
import { RELATIONSHIPS } from '../graph/relationships';
import type { ClaimStatement, EntityStatement, IngestBatch, IngestProblem, Unmapped } from './model';
import { issuesToProblems } from './read';

const OBO = 'http://purl.obolibrary.org/obo/';
const SUBCLASS_PREDICATES = new Set(['is_a', 'http://www.w3.org/2000/01/rdf-schema#subClassOf']);
const SYNONYM_PREDICATES = new Set(['hasExactSynonym', 'hasRelatedSynonym']);

const NODE = z.object({
  id: z.string({ error: 'is missing: every node needs its IRI' }).min(1),
  lbl: z.string().min(1).max(300).optional(),
  type: z.string().optional(),
  meta: z
    .object({
      definition: z.object({ val: z.string() }).optional(),
      synonyms: z.array(z.object({ pred: z.string(), val: z.string().min(1).max(200) })).optional(),
      xrefs: z.array(z.object({ val: z.string() })).optional(),
      deprecated: z.boolean().optional(),
    })
    .optional(),
});
const EDGE = z.object({
  sub: z.string({ error: 'is missing' }).min(1),
  pred: z.string({ error: 'is missing' }).min(1),
  obj: z.string({ error: 'is missing' }).min(1),
});
const GRAPH = z.object({
  id: z.string({ error: 'is missing: the graph needs its ontology IRI' }).min(1),
  meta: z.object({ version: z.string().optional() }).optional(),
  nodes: z.array(z.unknown()).default([]),
  edges: z.array(z.unknown()).default([]),
});
const FILE = z.object({ graphs: z.array(z.unknown()).min(1, 'must hold at least one graph') });

/** An entity of the graph that carries a CURIE (as its own or as a cross-reference). */
export interface TermInGraph {
  id: string;
  label: Label;
  curie: string | null;
  xrefs: string[];
}

/** `http://purl.obolibrary.org/obo/CL_0000134` → `CL:0000134`; null for other IRIs. */
export function curieOf(iri: string): string | null {
  if (!iri.startsWith(OBO)) {
    return CURIE_PATTERN.test(iri) && !iri.includes('/') ? iri : null;
  }
  const local = iri.slice(OBO.length);
  const cut = local.indexOf('_');
  return cut > 0 ? `${local.slice(0, cut)}:${local.slice(cut + 1)}` : null;
}

const hasHierarchy = (label: Label) =>
  RELATIONSHIPS.some((r) => r.type === 'SUBCLASS_OF' && r.from === label && r.to === label);

export function ontologyBatch(
  data: unknown,
  file: string,
  used: readonly TermInGraph[],
  retrievedAt: string,
): { batch: IngestBatch; problems: IngestProblem[] } {
  const problems: IngestProblem[] = [];
  const entities: EntityStatement[] = [];
  const claims: ClaimStatement[] = [];
  const unmapped: Unmapped[] = [];
  let records = 0;
  const parsedFile = FILE.safeParse(data);
  if (!parsedFile.success) {
    problems.push(...issuesToProblems(parsedFile.error.issues, file, '(file)'));
  }
  const byCurie = new Map<string, TermInGraph>();
  for (const term of used) {
    for (const c of [term.curie, ...term.xrefs]) {
      if (c !== null && !byCurie.has(c)) {
        byCurie.set(c, term);
      }
    }
  }
  for (const [g, rawGraph] of (parsedFile.success ? parsedFile.data.graphs : []).entries()) {
    const graph = GRAPH.safeParse(rawGraph);
    if (!graph.success) {
      problems.push(...issuesToProblems(graph.error.issues, file, `graphs[${g}]`));
      continue;
    }
    const nodes = new Map<string, z.infer<typeof NODE>>();
    graph.data.nodes.forEach((raw, i) => {
      records += 1;
      const id = (raw as { id?: unknown } | null)?.id;
      const node = NODE.safeParse(raw);
      if (!node.success) {
        problems.push(
          ...issuesToProblems(
            node.error.issues,
            file,
            typeof id === 'string' ? id : `graphs[${g}].nodes[${i}]`,
            'term',
          ),
        );
        return;
      }
      const curie = curieOf(node.data.id);
      if (curie !== null && node.data.type !== 'PROPERTY' && node.data.meta?.deprecated !== true) {
        nodes.set(curie, node.data);
      }
    });
    const parents = new Map<string, string[]>();
    graph.data.edges.forEach((raw, i) => {
      const edge = EDGE.safeParse(raw);
      if (!edge.success) {
        problems.push(...issuesToProblems(edge.error.issues, file, `graphs[${g}].edges[${i}]`, 'term'));
        return;
      }
      const child = curieOf(edge.data.sub);
      const parent = curieOf(edge.data.obj);
      if (SUBCLASS_PREDICATES.has(edge.data.pred) && child !== null && parent !== null) {
        parents.set(child, [...(parents.get(child) ?? []), parent]);
      }
    });

    const ontology = graph.data.id
      .replace(/\.(owl|json|obo)$/, '')
      .split('/')
      .pop()!
      .toLowerCase();
    const source = `source:obo-${ontology.replace(/[^a-z0-9]+/g, '-')}`;
    const version = graph.data.meta?.version;
    entities.push({
      label: 'Source',
      id: source,
      match: [],
      fields: {
        name: `${ontology.toUpperCase()} ontology (OBO Graphs)`,
        kind: 'ONTOLOGY',
        url: graph.data.id,
        ...(version === undefined ? {} : { recordVersion: version }),
        accessed: retrievedAt.slice(0, 10),
        unknownAttribution: version === undefined ? ['PUBLISHER', 'RECORD_VERSION'] : ['PUBLISHER'],
      },
      source,
      complete: true,
      volatile: ['accessed'],
      record: graph.data.id,
    });

    // The terms the graph uses in this file, then their ancestors, each with the kind it takes.
    const closure = new Map<string, { label: Label; id: string; inGraph: boolean }>();
    const queue: string[] = [];
    for (const curie of nodes.keys()) {
      const term = byCurie.get(curie);
      if (term !== undefined) {
        closure.set(curie, { label: term.label, id: term.id, inGraph: true });
        queue.push(curie);
      }
    }
    while (queue.length > 0) {
      const child = queue.shift()!;
      const { label } = closure.get(child)!;
      for (const parent of parents.get(child) ?? []) {
        if (closure.has(parent) || !nodes.has(parent)) {
          continue;
        }
        const inGraph = byCurie.get(parent);
        if (inGraph !== undefined) {
          closure.set(parent, { label: inGraph.label, id: inGraph.id, inGraph: true });
        } else if (hasHierarchy(label)) {
          const local = parent.toLowerCase().replace(/[^a-z0-9]+/g, '-');
          closure.set(parent, { label, id: `${ID_PREFIX[label]}:${local}`, inGraph: false });
        } else {
          unmapped.push({
            record: child,
            field: 'is_a',
            value: parent,
            keys: [],
            reason: `${label} has no SUBCLASS_OF relationship, so the ancestor is not added`,
          });
          continue;
        }
        queue.push(parent);
      }
    }

    for (const [curie, term] of closure) {
      const node = nodes.get(curie)!;
      const synonyms = [
        ...(node.lbl === undefined ? [] : [node.lbl]),
        ...(node.meta?.synonyms ?? []).filter((s) => SYNONYM_PREDICATES.has(s.pred)).map((s) => s.val),
      ];
      const xrefs = (node.meta?.xrefs ?? [])
        .map((x) => x.val)
        .filter((x) => CURIE_PATTERN.test(x) && !x.includes('/') && x !== curie);
      const fields: Record<string, unknown> = {
        ...(node.lbl === undefined ? {} : { name: node.lbl }),
        ...(term.inGraph ? {} : { curie }),
        ...(synonyms.length > 0 ? { synonyms: [...new Set(synonyms)] } : {}),
        ...(xrefs.length > 0 ? { xrefs: [...new Set(xrefs)].sort() } : {}),
        ...(node.meta?.definition?.val ? { description: node.meta.definition.val.slice(0, 4000) } : {}),
      };
      if (!term.inGraph && fields.name === undefined) {
        unmapped.push({
          record: curie,
          field: 'lbl',
          value: curie,
          keys: [],
          reason: 'an ancestor without a label is not added',
        });
        continue;
      }
      entities.push({
        label: term.label,
        id: term.id,
        match: [{ property: 'curie', value: curie }],
        anyLabel: term.inGraph,
        fields,
        source,
        complete: false,
        record: curie,
      });
    }
    for (const [child, { label, id }] of closure) {
      for (const parent of parents.get(child) ?? []) {
        const target = closure.get(parent);
        if (target === undefined || target.label !== label || !hasHierarchy(label)) {
          continue;
        }
        claims.push({
          id: `claim:obo-${child.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-subclass-of-${parent.toLowerCase().replace(/[^a-z0-9]+/g, '-')}`,
          type: 'SUBCLASS_OF',
          subject: id,
          object: target.id,
          level: 'CURATED_DATABASE',
          knowledgeLevel: 'KNOWLEDGE_ASSERTION',
          agentType: 'AUTOMATED_AGENT',
          sources: [source],
          note: `${child} is_a ${parent} in ${ontology.toUpperCase()}.`,
          record: child,
        });
      }
    }
  }
  return {
    batch: { agent: 'ingest:ontology', retrievedAt, records, entities, claims, unmapped, skipped: [] },
    problems,
  };
}
