// The Source kind: a document that claims cite.
import { z } from 'zod';
import { anyOf, defineEntity, inList, intRange, SOURCE_ID_PREFIX, text, year } from '../entity/define';
import { PALETTE } from '../entity/display';
import * as E from '../enums';
import { attributionProblems } from '../evidence/provenance';
import { ARTICLE_TYPES, ATTRIBUTION_PARTS, DOI_PATTERN, NCT_PATTERN, SOURCE_KINDS } from '../model';
import { Source } from './source.type';

export const SOURCE = defineEntity({
  label: 'Source',
  idPrefix: SOURCE_ID_PREFIX,
  plural: 'sources',
  singular: 'source',
  type: Source,
  describesItself: true,
  fields: {
    kind: z.enum(SOURCE_KINDS),
    year: year.optional(),
    authors: text(300).optional(),
    publisher: text(300).optional(),
    journal: text(300).optional(),
    doi: z.string().regex(DOI_PATTERN, 'must be a DOI such as 10.1016/j.spinee.2020.10.004').optional(),
    pmid: z
      .string()
      .regex(/^\d{1,9}$/, 'must be digits only')
      .optional(),
    pmcid: z
      .string()
      .regex(/^PMC\d+$/, 'must look like PMC5610473')
      .optional(),
    registryId: z.string().regex(NCT_PATTERN, 'must be an NCT number').optional(),
    url: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).optional(),
    accessed: z.iso.date({ error: 'must be a date such as 2026-12-04' }).optional(),
    recordVersion: text(100).optional(),
    localCopy: text(300).optional(),
    unknownAttribution: z.array(z.enum(ATTRIBUTION_PARTS)).optional(),
    articleType: z.enum(ARTICLE_TYPES).optional(),
    publicationTypes: z.array(text(200)).optional(),
    meshHeadings: z.array(text(300)).optional(),
    abstract: text(20_000).optional(),
  },
  check: attributionProblems,
  filters: {
    kind: inList('kind', E.SourceKind, 'Sources of any of these kinds.'),
    year: intRange('year', 'Sources published in this range of years.'),
    articleType: inList('articleType', E.ArticleType, 'Articles of any of these types.'),
    unknownAttribution: anyOf(
      'unknownAttribution',
      E.AttributionPart,
      'Sources whose attribution lacks any of these parts (declared unknown).',
    ),
  },
  sorts: { YEAR: { property: 'year', numeric: true, description: 'By year, unknown first.' } },
  indexes: ['year'],
  display: { name: 'Source', colour: PALETTE.black, shape: 'tag' },
});
