// Europe PMC REST: `search` results (resultType=core) from a saved file or fetched page by page with
// cursorMark. Each result is checked and becomes an Article (literature.ts).
import { z } from 'zod';
import type { HttpClient } from './http';
import { ARTICLE_IDS, articleStatements } from './literature';
import type { ClaimStatement, EntityStatement, IngestBatch, IngestProblem } from './model';
import { issuesToProblems } from './read';

export const EUROPEPMC_DEFAULT_BASE_URL = 'https://www.ebi.ac.uk';

const RESULT = z
  .object({
    id: z.string().min(1).optional(),
    ...ARTICLE_IDS,
    title: z.string({ error: 'is missing' }).min(1).max(2000),
    authorString: z.string().optional(),
    authorList: z.object({ author: z.array(z.object({ fullName: z.string().optional() })).default([]) }).optional(),
    journalInfo: z
      .object({
        journal: z.object({ title: z.string().optional(), isoabbreviation: z.string().optional() }).optional(),
      })
      .optional(),
    journalTitle: z.string().optional(),
    pubYear: z
      .string()
      .regex(/^\d{4}$/, 'must be a four-digit year')
      .optional(),
    abstractText: z.string().optional(),
    pubTypeList: z.object({ pubType: z.array(z.string()).default([]) }).optional(),
    meshHeadingList: z
      .object({
        meshHeading: z
          .array(z.object({ descriptorName: z.string(), majorTopic_YN: z.string().optional() }))
          .default([]),
      })
      .optional(),
  })
  .refine((r) => r.pmid !== undefined || r.pmcid !== undefined || r.doi !== undefined, {
    message: 'has no PMID, PMCID or DOI: an article needs one to be cited',
    path: ['pmid'],
  });

const RESPONSE = z.object({
  hitCount: z.number().int().optional(),
  nextCursorMark: z.string().optional(),
  resultList: z.object({ result: z.array(z.unknown()) }),
});

const plain = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Results of one or more saved responses (a response, or a list of them). */
export function europepmcBatch(
  data: unknown,
  file: string,
  retrievedAt: string,
): { batch: IngestBatch; problems: IngestProblem[] } {
  const responses = Array.isArray(data) ? data : [data];
  const problems: IngestProblem[] = [];
  const entities: EntityStatement[] = [];
  const claims: ClaimStatement[] = [];
  let records = 0;
  responses.forEach((raw, page) => {
    const response = RESPONSE.safeParse(raw);
    if (!response.success) {
      problems.push(
        ...issuesToProblems(response.error.issues, file, Array.isArray(data) ? `response ${page + 1}` : '(file)'),
      );
      return;
    }
    response.data.resultList.result.forEach((rawResult, index) => {
      records += 1;
      const r = rawResult as { id?: unknown; pmid?: unknown };
      const record =
        typeof r.pmid === 'string'
          ? `PMID ${r.pmid}`
          : typeof r.id === 'string'
            ? `id ${r.id}`
            : `result #${index + 1}`;
      const parsed = RESULT.safeParse(rawResult);
      if (!parsed.success) {
        problems.push(...issuesToProblems(parsed.error.issues, file, record, 'Source'));
        return;
      }
      const a = parsed.data;
      const authors = (a.authorList?.author ?? []).flatMap((x) => (x.fullName ? [x.fullName] : []));
      const statements = articleStatements(
        {
          record,
          title: plain(a.title).replace(/\.$/, ''),
          year: a.pubYear === undefined ? undefined : Number(a.pubYear),
          authors:
            authors.length > 0 ? authors : (a.authorString ?? '').replace(/\.$/, '').split(/,\s*/).filter(Boolean),
          journal: a.journalInfo?.journal?.isoabbreviation ?? a.journalInfo?.journal?.title ?? a.journalTitle,
          doi: a.doi,
          pmid: a.pmid,
          pmcid: a.pmcid,
          abstract: a.abstractText === undefined ? undefined : plain(a.abstractText).slice(0, 20_000),
          publicationTypes: a.pubTypeList?.pubType ?? [],
          meshHeadings: (a.meshHeadingList?.meshHeading ?? []).map(
            (h) => `${h.descriptorName}${h.majorTopic_YN === 'Y' ? '*' : ''}`,
          ),
          listedTrials: [],
        },
        'ingest:europepmc',
      );
      entities.push(...statements.entities);
      claims.push(...statements.claims);
    });
  });
  return {
    batch: { agent: 'ingest:europepmc', retrievedAt, records, entities, claims, unmapped: [], skipped: [] },
    problems,
  };
}

/** Every page of a search, following nextCursorMark until it stops moving. */
export async function fetchEuropepmc(
  http: HttpClient,
  baseUrl: string,
  query: string,
  onPage: (page: number, results: number) => void,
): Promise<unknown[]> {
  const pages: unknown[] = [];
  let cursor = '*';
  for (;;) {
    const url = new URL('/europepmc/webservices/rest/search', baseUrl);
    url.searchParams.set('query', query);
    url.searchParams.set('format', 'json');
    url.searchParams.set('resultType', 'core');
    url.searchParams.set('pageSize', '100');
    url.searchParams.set('cursorMark', cursor);
    const data = await http.getJson(url.toString());
    const page = RESPONSE.safeParse(data);
    if (!page.success) {
      throw new Error(`${url.toString()} did not answer Europe PMC search results: ${page.error.issues[0].message}`);
    }
    pages.push(data);
    onPage(pages.length, page.data.resultList.result.length);
    const next = page.data.nextCursorMark;
    if (next === undefined || next === cursor || page.data.resultList.result.length === 0) {
      return pages;
    }
    cursor = next;
  }
}
