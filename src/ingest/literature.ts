// An article from PubMed or Europe PMC as statements: a Source (matched to a curated one by DOI,
// PMID or PMCID), and a DESCRIBES_TRIAL claim for each NCT id it names, made when the graph holds
// that trial. Its publication types set its kind and article type.
import type { z } from 'zod';
import { NCT_PATTERN } from '../graph/model';
import { SOURCE } from '../graph/source/source.entity';
import type { ClaimStatement, EntityStatement, IngestAgent, MatchProperty } from './model';

export interface Article {
  /** The record in the input, for reports (a PMID, or a Europe PMC id). */
  record: string;
  title: string;
  year?: number;
  authors: string[];
  journal?: string;
  doi?: string;
  pmid?: string;
  pmcid?: string;
  abstract?: string;
  publicationTypes: string[];
  meshHeadings: string[];
  /** NCT ids in a structured list (PubMed's data-bank list). */
  listedTrials: string[];
}

/** An article's identifiers, checked as a Source's are (each optional). */
const SOURCE_SHAPE = SOURCE.record.shape as Record<'pmid' | 'pmcid' | 'doi', z.ZodType<string | undefined>>;
export const ARTICLE_IDS = { pmid: SOURCE_SHAPE.pmid, pmcid: SOURCE_SHAPE.pmcid, doi: SOURCE_SHAPE.doi };

/** The article's kind and type from its publication types, strongest design first. */
export function classify(publicationTypes: readonly string[]): { kind: string; articleType: string } {
  const types = new Set(publicationTypes.map((t) => t.toLowerCase()));
  const has = (...names: string[]) => names.some((n) => types.has(n));
  if (has('meta-analysis')) {
    return { kind: 'SYSTEMATIC_REVIEW', articleType: 'META_ANALYSIS' };
  }
  if (has('systematic review')) {
    return { kind: 'SYSTEMATIC_REVIEW', articleType: 'SYSTEMATIC_REVIEW' };
  }
  const trial = [...types].some((t) => t.startsWith('clinical trial') || t.includes('controlled trial'));
  if (trial) {
    return { kind: 'PEER_REVIEWED_ARTICLE', articleType: 'TRIAL_REPORT' };
  }
  if (has('observational study', 'comparative study', 'multicenter study')) {
    return { kind: 'PEER_REVIEWED_ARTICLE', articleType: 'OBSERVATIONAL_STUDY' };
  }
  if (has('case reports')) {
    return { kind: 'PEER_REVIEWED_ARTICLE', articleType: 'CASE_REPORT' };
  }
  if (has('review')) {
    return { kind: 'PEER_REVIEWED_ARTICLE', articleType: 'REVIEW' };
  }
  return { kind: 'PEER_REVIEWED_ARTICLE', articleType: 'OTHER' };
}

/** Authors as a citation gives them: up to five, then "et al.". */
export function authorLine(authors: readonly string[]): string | undefined {
  if (authors.length === 0) {
    return undefined;
  }
  return authors.length > 5 ? `${authors.slice(0, 5).join(', ')}, et al.` : authors.join(', ');
}

const NCT_IN_TEXT = /\bNCT\d{8}\b/g;

export function articleStatements(
  article: Article,
  agent: IngestAgent,
): { entities: EntityStatement[]; claims: ClaimStatement[] } {
  const id = article.pmid
    ? `source:pmid-${article.pmid}`
    : article.pmcid
      ? `source:${article.pmcid.toLowerCase()}`
      : `source:doi-${(article.doi ?? article.record)
          .toLowerCase()
          .replace(/[^a-z0-9.]+/g, '-')
          .replace(/^-+|-+$/g, '')}`;
  const match: Array<{ property: MatchProperty; value: string }> = [
    ...(article.doi ? [{ property: 'doi' as const, value: article.doi }] : []),
    ...(article.pmid ? [{ property: 'pmid' as const, value: article.pmid }] : []),
    ...(article.pmcid ? [{ property: 'pmcid' as const, value: article.pmcid }] : []),
  ];
  const { kind, articleType } = classify(article.publicationTypes);
  const fields: Record<string, unknown> = {
    name: article.title.slice(0, 300),
    kind,
    articleType,
    year: article.year,
    authors: authorLine(article.authors),
    journal: article.journal,
    doi: article.doi,
    pmid: article.pmid,
    pmcid: article.pmcid,
    abstract: article.abstract,
    publicationTypes: article.publicationTypes,
    meshHeadings: article.meshHeadings,
  };
  const source: EntityStatement = {
    label: 'Source',
    id,
    match,
    fields: Object.fromEntries(
      Object.entries(fields).filter(([, v]) => v !== undefined && v !== '' && !(Array.isArray(v) && v.length === 0)),
    ),
    source: id,
    complete: false,
    record: article.record,
  };
  const listed = new Set(article.listedTrials.filter((t) => NCT_PATTERN.test(t)));
  const mentioned = new Set([...(article.abstract ?? '').matchAll(NCT_IN_TEXT)].map((m) => m[0]));
  const claims: ClaimStatement[] = [...new Set([...listed, ...mentioned])].sort().map((nct) => ({
    id: `claim:${agent.slice('ingest:'.length)}-${id.split(':')[1]}-describes-trial-${nct.toLowerCase()}`,
    type: 'DESCRIBES_TRIAL',
    subject: id,
    object: `trial:${nct.toLowerCase()}`,
    level: 'CURATED_DATABASE',
    knowledgeLevel: 'KNOWLEDGE_ASSERTION',
    agentType: listed.has(nct) ? 'AUTOMATED_AGENT' : 'TEXT_MINING_AGENT',
    sources: [id],
    note: listed.has(nct)
      ? `The ${agent === 'ingest:pubmed' ? 'PubMed' : 'Europe PMC'} record lists ${nct} among its data banks.`
      : `The abstract names ${nct}.`,
    record: article.record,
    objectMatch: { label: 'Trial', property: 'registryId', value: nct },
  }));
  return { entities: [source], claims };
}
