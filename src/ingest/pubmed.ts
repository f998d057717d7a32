// PubMed E-utilities: efetch XML (a PubmedArticleSet) from a saved file, or fetched for the ids an
// esearch query returns. Each PubmedArticle is checked and becomes an Article (literature.ts).
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import type { HttpClient } from './http';
import { type Article, ARTICLE_IDS, articleStatements } from './literature';
import type { ClaimStatement, EntityStatement, IngestBatch, IngestProblem } from './model';
import { issuesToProblems } from './read';

export const EUTILS_DEFAULT_BASE_URL = 'https://eutils.ncbi.nlm.nih.gov';
const FETCH_BATCH = 200;

const LISTS = new Set([
  'PubmedArticle',
  'Author',
  'AbstractText',
  'PublicationType',
  'MeshHeading',
  'ArticleId',
  'DataBank',
  'AccessionNumber',
  'ELocationID',
]);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  // Titles and abstracts may hold inline markup (<i>, <sup>); they are read as text.
  stopNodes: ['*.ArticleTitle', '*.AbstractText'],
  isArray: (name) => LISTS.has(name),
  parseTagValue: false,
  processEntities: true,
});

type Node = Record<string, unknown>;
const text = (value: unknown): string | undefined => {
  if (value === undefined || value === null) {
    return undefined;
  }
  const raw = typeof value === 'object' ? (value as Node)['#text'] : value;
  if (raw === undefined) {
    return undefined;
  }
  const plain = String(raw)
    .replace(/<[^>]+>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
  return plain === '' ? undefined : plain;
};
const list = (value: unknown): Node[] => (Array.isArray(value) ? (value as Node[]) : value ? [value as Node] : []);
const at = (node: unknown, ...path: string[]): unknown =>
  path.reduce<unknown>((n, key) => (n && typeof n === 'object' ? (n as Node)[key] : undefined), node);

const ARTICLE = z.object({
  pmid: z
    .string({ error: 'is missing: every article needs its PMID' })
    .pipe(ARTICLE_IDS.pmid as z.ZodType<string, string>),
  title: z.string({ error: 'is missing' }).min(1).max(2000),
  year: z
    .string()
    .regex(/^\d{4}$/, 'must be a four-digit year')
    .transform(Number)
    .pipe(z.number().int().min(1900).max(2100))
    .optional(),
  doi: ARTICLE_IDS.doi,
  pmcid: ARTICLE_IDS.pmcid,
});

/** The field names a reader of the XML knows, for problems. */
const FIELD_PATHS: Record<string, string> = {
  pmid: 'MedlineCitation.PMID',
  title: 'Article.ArticleTitle',
  year: 'Article.Journal.JournalIssue.PubDate.Year',
  doi: 'ArticleIdList.ArticleId[@IdType=doi]',
  pmcid: 'ArticleIdList.ArticleId[@IdType=pmc]',
};

function readArticle(node: Node): {
  fields: Record<string, unknown>;
  article: Omit<Article, 'record' | 'title' | 'pmid' | 'year' | 'doi' | 'pmcid'>;
} {
  const citation = at(node, 'MedlineCitation') as Node | undefined;
  const article = at(citation, 'Article') as Node | undefined;
  const pubDate = at(article, 'Journal', 'JournalIssue', 'PubDate') as Node | undefined;
  const ids = list(at(node, 'PubmedData', 'ArticleIdList', 'ArticleId'));
  const idOf = (type: string) => text(ids.find((i) => i['@IdType'] === type));
  const eloc = list(at(article, 'ELocationID')).find((e) => e['@EIdType'] === 'doi');
  const year = text(at(pubDate, 'Year')) ?? text(at(pubDate, 'MedlineDate'))?.slice(0, 4);
  const authors = list(at(article, 'AuthorList', 'Author')).flatMap((a) => {
    const name = [text(a.LastName), text(a.Initials)].filter(Boolean).join(' ') || text(a.CollectiveName);
    return name ? [name] : [];
  });
  const abstract = list(at(article, 'Abstract', 'AbstractText'))
    .map((part) => {
      const body = text(part);
      const label = typeof part === 'object' ? (part['@Label'] as string | undefined) : undefined;
      return body === undefined ? '' : label ? `${label}: ${body}` : body;
    })
    .filter((part) => part !== '')
    .join(' ');
  const banks = list(at(article, 'DataBankList', 'DataBank'));
  const listedTrials = banks
    .filter((b) => text(b.DataBankName) === 'ClinicalTrials.gov')
    .flatMap((b) => list(at(b, 'AccessionNumberList', 'AccessionNumber')).map((n) => text(n) ?? ''));
  return {
    fields: {
      pmid: text(at(citation, 'PMID')),
      title: text(at(article, 'ArticleTitle')),
      year,
      doi: idOf('doi') ?? text(eloc),
      pmcid: idOf('pmc'),
    },
    article: {
      authors,
      journal: text(at(article, 'Journal', 'ISOAbbreviation')) ?? text(at(article, 'Journal', 'Title')),
      abstract: abstract === '' ? undefined : abstract.slice(0, 20_000),
      publicationTypes: list(at(article, 'PublicationTypeList', 'PublicationType')).flatMap((t) => text(t) ?? []),
      meshHeadings: list(at(citation, 'MeshHeadingList', 'MeshHeading')).flatMap((h) => {
        const d = h.DescriptorName as Node | undefined;
        const name = text(d);
        if (name === undefined) {
          return [];
        }
        const ui = typeof d === 'object' ? (d['@UI'] as string | undefined) : undefined;
        const major = typeof d === 'object' && d['@MajorTopicYN'] === 'Y' ? '*' : '';
        return [`${ui ? `${ui} ` : ''}${name}${major}`];
      }),
      listedTrials,
    },
  };
}

/** The articles of an efetch XML text, and the problems of those that cannot be read. */
export function pubmedBatch(
  xml: string,
  file: string,
  retrievedAt: string,
): { batch: IngestBatch; problems: IngestProblem[] } {
  const empty: IngestBatch = {
    agent: 'ingest:pubmed',
    retrievedAt,
    records: 0,
    entities: [],
    claims: [],
    unmapped: [],
    skipped: [],
  };
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    return {
      batch: empty,
      problems: [
        {
          file,
          record: '(file)',
          field: `line ${valid.err.line}, column ${valid.err.col}`,
          message: `not well-formed XML: ${valid.err.msg}`,
        },
      ],
    };
  }
  const doc = parser.parse(xml) as Node;
  const set = doc.PubmedArticleSet as Node | undefined;
  if (set === undefined) {
    return {
      batch: empty,
      problems: [
        { file, record: '(file)', field: 'PubmedArticleSet', message: 'is missing: this is not PubMed efetch XML' },
      ],
    };
  }
  const problems: IngestProblem[] = [];
  const entities: EntityStatement[] = [];
  const claims: ClaimStatement[] = [];
  const nodes = list(set.PubmedArticle);
  nodes.forEach((node, index) => {
    const { fields, article } = readArticle(node);
    const record = typeof fields.pmid === 'string' ? `PMID ${fields.pmid}` : `PubmedArticle #${index + 1}`;
    const parsed = ARTICLE.safeParse(fields);
    if (!parsed.success) {
      problems.push(
        ...issuesToProblems(parsed.error.issues, file, record, 'Source').map((p) => ({
          ...p,
          field: FIELD_PATHS[p.field] ?? p.field,
        })),
      );
      return;
    }
    const statements = articleStatements({ ...article, ...parsed.data, record }, 'ingest:pubmed');
    entities.push(...statements.entities);
    claims.push(...statements.claims);
  });
  return { batch: { ...empty, records: nodes.length, entities, claims }, problems };
}

/** esearch for the ids, then efetch in batches; the XML of each batch. */
export async function fetchPubmed(
  http: HttpClient,
  baseUrl: string,
  query: string,
  onBatch: (done: number, total: number) => void,
): Promise<string[]> {
  const search = new URL('/entrez/eutils/esearch.fcgi', baseUrl);
  search.searchParams.set('db', 'pubmed');
  search.searchParams.set('term', query);
  search.searchParams.set('retmax', '10000');
  search.searchParams.set('retmode', 'json');
  search.searchParams.set('tool', 'discgraph');
  const result = (await http.getJson(search.toString())) as { esearchresult?: { idlist?: string[] } };
  const ids = result.esearchresult?.idlist ?? [];
  const texts: string[] = [];
  for (let i = 0; i < ids.length; i += FETCH_BATCH) {
    const fetchUrl = new URL('/entrez/eutils/efetch.fcgi', baseUrl);
    fetchUrl.searchParams.set('db', 'pubmed');
    fetchUrl.searchParams.set('id', ids.slice(i, i + FETCH_BATCH).join(','));
    fetchUrl.searchParams.set('retmode', 'xml');
    fetchUrl.searchParams.set('tool', 'discgraph');
    texts.push(await http.getText(fetchUrl.toString(), 'application/xml'));
    onBatch(Math.min(i + FETCH_BATCH, ids.length), ids.length);
  }
  return texts;
}
