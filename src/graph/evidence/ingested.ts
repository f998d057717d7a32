// What an ingestion stated about an entity, read back for the API: the stored provenance fields
// (PROVENANCE_FIELDS in entity/define.ts) as one object, and the JSON texts they hold parsed.
import { REGISTERED_OUTCOME } from '../trial/trial.entity';

/** A value an ingested source states that differs from the curated one (stored as JSON text). */
export interface AlternativeValueRecord {
  field: string;
  value: unknown;
  source: string;
  /** The ingestion that read it, e.g. ingest:pubmed. */
  agent?: string;
  retrievedAt?: string;
}

/** An ingested-field entry (`ctgov/enrollment`, `ontology/synonyms=MSC`) without its ingestion. */
export const entryField = (entry: string) => entry.replace(/^[a-z]+\//, '');

export function encodeAlternative(alternative: AlternativeValueRecord): string {
  return JSON.stringify({
    field: alternative.field,
    value: alternative.value,
    source: alternative.source,
    agent: alternative.agent,
    retrievedAt: alternative.retrievedAt,
  });
}

export function decodeAlternative(text: string): AlternativeValueRecord | null {
  try {
    const parsed = JSON.parse(text) as Partial<AlternativeValueRecord>;
    return typeof parsed.field === 'string' && typeof parsed.source === 'string'
      ? {
          field: parsed.field,
          value: parsed.value,
          source: parsed.source,
          agent: parsed.agent,
          retrievedAt: parsed.retrievedAt,
        }
      : null;
  } catch {
    return null;
  }
}

/** The stored properties `provenance` reads. */
export const PROVENANCE_READ_PROPERTIES = [
  'ingestedFields',
  'ingestedFrom',
  'ingestedBy',
  'retrievedAt',
  'alternativeValues',
] as const;

const strings = (value: unknown): string[] => (Array.isArray(value) ? value.map(String) : []);

export function provenanceOf(props: Record<string, unknown>) {
  const ingestedFields = strings(props.ingestedFields);
  return {
    // The name is the one field every record has: whoever set it created the entity.
    agentType: ingestedFields.some((entry) => entryField(entry) === 'name') ? 'AUTOMATED_AGENT' : 'MANUAL_AGENT',
    ingestedBy: (props.ingestedBy as string | undefined) ?? null,
    ingestedFrom: (props.ingestedFrom as string | undefined) ?? null,
    retrievedAt: props.retrievedAt == null ? null : String(props.retrievedAt),
    ingestedFields,
    alternativeValues: strings(props.alternativeValues).flatMap((text) => {
      const alternative = decodeAlternative(text);
      return alternative === null
        ? []
        : [
            {
              field: alternative.field,
              value: JSON.stringify(alternative.value),
              sourceId: alternative.source,
              ingestedBy: alternative.agent ?? null,
              retrievedAt: alternative.retrievedAt ?? null,
            },
          ];
    }),
  };
}

/** A trial's registered outcome measures, parsed from their JSON texts. */
export function registeredOutcomesOf(value: unknown) {
  return strings(value).flatMap((text) => {
    try {
      const parsed = REGISTERED_OUTCOME.safeParse(JSON.parse(text));
      return parsed.success
        ? [
            {
              kind: parsed.data.kind,
              measure: parsed.data.measure,
              timeFrame: parsed.data.timeFrame ?? null,
              description: parsed.data.description ?? null,
            },
          ]
        : [];
    } catch {
      return [];
    }
  });
}
