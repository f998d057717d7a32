// How search text becomes a Lucene query, an entity id and exact identifier spellings
// (planSearch): identifiers are quoted phrases matched exactly, plain words are escaped and
// autocomplete on the last word, and anything else is Lucene syntax, minus regular expressions.
import { escapeLucene, planSearch } from '../../src/graph/explore/explore.repository';

/** The Lucene query for plain words: the terms, and the same terms in the name counting double. */
const words = (terms: string) => `${terms} name:(${terms})^2`;

describe('planSearch: plain words', () => {
  it('searches the words, the last also as a prefix, with name matches weighted double', () => {
    expect(planSearch('chronic low ba')).toEqual({
      lucene: words('chronic low ba ba*'),
      entityId: null,
      exact: [],
      identifiers: null,
    });
  });

  it('offers one word as an exact spelling too, upper-cased', () => {
    expect(planSearch('Discogenic')).toEqual({
      lucene: words('Discogenic discogenic*'),
      entityId: null,
      exact: ['DISCOGENIC'],
      identifiers: 'identifiersText:("DISCOGENIC")',
    });
  });

  it('adds no prefix for a last word of one character', () => {
    expect(planSearch('vitamin d').lucene).toBe(words('vitamin d'));
    expect(planSearch('d').lucene).toBe(words('d'));
  });

  it('collapses surrounding and repeated white space', () => {
    expect(planSearch('  chronic \t  pain  ').lucene).toBe(words('chronic pain pain*'));
  });

  it('escapes inner hyphens and prefixes the last run of letters and digits', () => {
    expect(planSearch('anti-inflammatory').lucene).toBe(words('anti\\-inflammatory inflammatory*'));
    expect(planSearch('IL-1β').lucene).toBe(words('IL\\-1β 1β*'));
  });

  it('takes letters of any script, and lower-case and/or/not as words', () => {
    expect(planSearch('lombalgie chronique').lucene).toBe(words('lombalgie chronique chronique*'));
    expect(planSearch('disc or pain').lucene).toBe(words('disc or pain pain*'));
  });
});

describe('planSearch: identifiers', () => {
  it('finds an entity id (any case) by id, as a phrase and by its local part', () => {
    expect(planSearch('Condition:Degenerative-Disc-Disease')).toEqual({
      lucene: '"Condition\\:Degenerative\\-Disc\\-Disease"',
      entityId: 'condition:degenerative-disc-disease',
      exact: ['CONDITION:DEGENERATIVE-DISC-DISEASE', 'DEGENERATIVE-DISC-DISEASE'],
      identifiers: 'identifiersText:("CONDITION\\:DEGENERATIVE\\-DISC\\-DISEASE" OR "DEGENERATIVE\\-DISC\\-DISEASE")',
    });
  });

  it('searches a CURIE as a phrase and matches it with and without its prefix', () => {
    expect(planSearch('MONDO:0011385')).toEqual({
      lucene: '"MONDO\\:0011385"',
      entityId: null,
      exact: ['MONDO:0011385', '0011385'],
      identifiers: 'identifiersText:("MONDO\\:0011385" OR "0011385")',
    });
  });

  it('matches an NCT number (any case) also as its ClinicalTrials.gov CURIE, and the CURIE also as the number', () => {
    expect(planSearch('nct01290367')).toEqual({
      lucene: '"nct01290367"',
      entityId: null,
      exact: ['NCT01290367', 'CLINICALTRIALS:NCT01290367'],
      identifiers: 'identifiersText:("NCT01290367" OR "CLINICALTRIALS\\:NCT01290367")',
    });
    expect(planSearch('ClinicalTrials:NCT01290367')).toEqual({
      lucene: '"ClinicalTrials\\:NCT01290367"',
      entityId: null,
      exact: ['CLINICALTRIALS:NCT01290367', 'NCT01290367'],
      identifiers: 'identifiersText:("CLINICALTRIALS\\:NCT01290367" OR "NCT01290367")',
    });
  });

  it('searches a DOI as a phrase with / literal, bare or as a doi: CURIE', () => {
    expect(planSearch('10.1016/j.spinee.2020.01.001')).toEqual({
      lucene: '"10.1016\\/j.spinee.2020.01.001"',
      entityId: null,
      exact: ['10.1016/J.SPINEE.2020.01.001', 'DOI:10.1016/J.SPINEE.2020.01.001'],
      identifiers: 'identifiersText:("10.1016\\/J.SPINEE.2020.01.001" OR "DOI\\:10.1016\\/J.SPINEE.2020.01.001")',
    });
    expect(planSearch('doi:10.1002/(SICI)1097-0258')).toEqual({
      lucene: '"doi\\:10.1002\\/\\(SICI\\)1097\\-0258"',
      entityId: null,
      exact: ['DOI:10.1002/(SICI)1097-0258', '10.1002/(SICI)1097-0258'],
      identifiers: 'identifiersText:("DOI\\:10.1002\\/\\(SICI\\)1097\\-0258" OR "10.1002\\/\\(SICI\\)1097\\-0258")',
    });
  });

  it('treats an identifier among other words as Lucene syntax, with no exact spelling', () => {
    expect(planSearch('MONDO:0011385 disc')).toEqual({
      lucene: 'MONDO:0011385 disc',
      entityId: null,
      exact: [],
      identifiers: null,
    });
  });
});

describe('planSearch: Lucene syntax', () => {
  it('passes operators, phrases, wildcards, fuzzy terms and fields through', () => {
    for (const text of [
      'disc AND pain',
      'disc OR NOT pain',
      '"low back pain"',
      'disc*',
      'degeneratve~',
      '+disc -pain',
    ]) {
      expect(planSearch(text)).toMatchObject({ lucene: text, entityId: null });
    }
  });

  it('reads name:… as a field query, not as a CURIE', () => {
    expect(planSearch('name:disc')).toEqual({
      lucene: 'name:disc',
      entityId: null,
      exact: ['NAME:DISC', 'DISC'],
      identifiers: 'identifiersText:("NAME\\:DISC" OR "DISC")',
    });
    expect(planSearch('description:annulus').entityId).toBeNull();
  });

  it('ranks every hit when a spelling has no letter or digit for the identifier text to be searched by', () => {
    expect(planSearch('*:*')).toEqual({ lucene: '*:*', entityId: null, exact: ['*:*', '*'], identifiers: '*:*' });
    expect(planSearch('disc*').identifiers).toBe('identifiersText:("DISC\\*")');
  });

  it('turns regular expressions off by escaping every unescaped /', () => {
    expect(planSearch('name:/d.{9999}c/').lucene).toBe('name:\\/d.{9999}c\\/');
    expect(planSearch('a\\/b /c').lucene).toBe('a\\/b \\/c');
    expect(planSearch('trailing\\').lucene).toBe('trailing\\');
  });
});

describe('escapeLucene', () => {
  it('escapes every character Lucene gives a meaning', () => {
    expect(escapeLucene('+-&|!(){}[]^"~*?:\\/')).toBe('\\+\\-\\&\\|\\!\\(\\)\\{\\}\\[\\]\\^\\"\\~\\*\\?\\:\\\\\\/');
    expect(escapeLucene('plain words 123')).toBe('plain words 123');
  });
});
