// The data licence and how to cite a release: one wording for the manifest, the bundle's LICENSE
// and CITATION.cff, and docs/DATA.md. Why CC BY 4.0 is said in docs/DATA.md (data-doc.ts).

export const LICENCE = {
  spdx: 'CC-BY-4.0',
  name: 'Creative Commons Attribution 4.0 International',
  url: 'https://creativecommons.org/licenses/by/4.0/',
} as const;

export const DATASET_TITLE = 'discgraph: a knowledge graph of cell-based therapy for low back pain';
export const DATASET_AUTHOR = 'discgraph contributors';

export interface CitationParts {
  version: string;
  /** The release date, YYYY-MM-DD. */
  date: string;
  /** Where the release is published, when known. */
  url?: string;
}

/** The reference a reader copies: author, year, title, version, date, where, licence. */
export function citationText({ version, date, url }: CitationParts): string {
  const year = /^\d{4}/.exec(date)?.[0] ?? '[year]';
  const where = url === undefined ? '' : ` ${url}.`;
  return `${DATASET_AUTHOR} (${year}). ${DATASET_TITLE}, data release ${version} (${date}).${where} Licensed under CC BY 4.0.`;
}

export function attributionOf(version: string): string {
  return (
    `Credit "discgraph data release ${version}" and link to the licence. Every claim cites its own sources ` +
    '(listed in manifest.json with their versions); their terms still apply to what they state.'
  );
}

/** The bundle's LICENSE: a notice that names the licence and links its legal code. */
export function licenceNotice(version: string): string {
  return [
    `discgraph data release ${version}`,
    '',
    `This data is licensed under the ${LICENCE.name} licence (${LICENCE.spdx}).`,
    `The legal code: ${LICENCE.url}legalcode`,
    '',
    'You may share and adapt it for any purpose, commercial ones included, provided you give appropriate',
    `credit ("discgraph data release ${version}"), link to the licence and say whether you changed it.`,
    '',
    'Every claim cites its sources; manifest.json lists them with their versions. Ontology terms, trial',
    'registry records and articles keep their own terms, which still apply to what they state.',
    '',
  ].join('\n');
}

/** CITATION.cff (Citation File Format 1.2.0), which GitHub, Zenodo and reference managers read. */
export function citationCff(parts: CitationParts): string {
  return [
    'cff-version: 1.2.0',
    'message: "If you use this data, please cite it as below."',
    'type: dataset',
    `title: "${DATASET_TITLE}"`,
    'authors:',
    `  - name: "${DATASET_AUTHOR}"`,
    `version: "${parts.version}"`,
    `date-released: "${parts.date}"`,
    `license: ${LICENCE.spdx}`,
    ...(parts.url === undefined ? [] : [`url: "${parts.url}"`]),
    '',
  ].join('\n');
}
