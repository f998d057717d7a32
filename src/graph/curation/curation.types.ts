// What curation returns: the audit trail and the payloads of delete and import. Created and updated
// entities are returned as their own types, new and removed claims as Claim.
import { GraphQLJSON } from 'graphql-scalars';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Role } from '../../auth/roles';
import { PageInfo } from '../../common/pagination';
import { EntityType } from '../registry';

export enum AuditOperation {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
  LINK = 'LINK',
  UNLINK = 'UNLINK',
  IMPORT = 'IMPORT',
  INGEST = 'INGEST',
}
registerEnumType(AuditOperation, {
  name: 'AuditOperation',
  description: 'What a write did.',
  valuesConfig: {
    CREATE: { description: 'Created an entity.' },
    UPDATE: { description: 'Changed fields of an entity or a claim (a cascade removing a citation, too).' },
    DELETE: { description: 'Deleted an entity.' },
    LINK: { description: 'Created a claim.' },
    UNLINK: { description: 'Removed a claim (also when a cascade removed it).' },
    IMPORT: { description: 'Created or changed an entity or a claim through importGraph.' },
    INGEST: {
      description:
        'Created or changed an entity or a claim through an ingestion from a public source (actor ingest:<source>).',
    },
  },
});

@ObjectType({ simpleResolvers: true, description: 'One field a write changed, with its value before and after.' })
export class FieldChange {
  @Field(() => String, { description: 'The field (property) name, as in seed files; sources are `sourceIds`.' })
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value before the write; null when it had none.' })
  before!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value after the write; null when it has none.' })
  after!: unknown;
}

@ObjectType({
  simpleResolvers: true,
  description: 'One write, recorded in the transaction that made it: who, when, what, and each changed field.',
})
export class AuditEntry {
  @Field(() => ID, { description: 'Id of the entry.' })
  id!: string;

  @Field(() => String, { description: 'When the write happened (ISO 8601, database clock).' })
  at!: string;

  @Field(() => String, { description: 'Who wrote: key:<name> for an API key, else the JWT subject.' })
  actor!: string;

  @Field(() => Role, { description: 'The role the writer had.' })
  role!: string;

  @Field(() => AuditOperation, { description: 'What the write did.' })
  operation!: string;

  @Field(() => ID, { description: 'The entity or claim written.' })
  targetId!: string;

  @Field(() => String, { description: 'Its label (an entity) or relationship type (a claim).' })
  targetType!: string;

  @Field(() => ID, { nullable: true, description: 'For a claim: the entity it starts from.' })
  subjectId!: string | null;

  @Field(() => ID, { nullable: true, description: 'For a claim: the entity it points to.' })
  objectId!: string | null;

  @Field(() => Int, { nullable: true, description: 'For an entity: its version after the write (null once deleted).' })
  version!: number | null;

  @Field(() => String, { nullable: true, description: 'The x-request-id of the request that wrote.' })
  requestId!: string | null;

  @Field(() => [FieldChange], { description: 'Each field that changed, by name.' })
  changes!: FieldChange[];
}

@ObjectType({ simpleResolvers: true, description: 'An audit entry in a list.' })
export class AuditEntryEdge {
  @Field(() => String, { description: 'Opaque keyset cursor of this edge.' })
  cursor!: string;

  @Field(() => AuditEntry, { description: 'The entry.' })
  node!: AuditEntry;
}

@ObjectType({ simpleResolvers: true, description: 'A page of audit entries, newest first.' })
export class AuditEntryConnection {
  @Field(() => [AuditEntryEdge], { description: 'The entries of this page.' })
  edges!: AuditEntryEdge[];

  @Field(() => PageInfo, { description: 'Whether more pages exist, and the cursors to reach them.' })
  pageInfo!: PageInfo;
}

@ObjectType({ simpleResolvers: true, description: 'What a delete removed.' })
export class DeleteEntityPayload {
  @Field(() => ID, { description: 'Id of the deleted entity.' })
  id!: string;

  @Field(() => EntityType, { description: 'Its type.' })
  type!: string;

  @Field(() => [ID], {
    description: 'Claims removed with it (cascade): those joining it, and any left without a source.',
  })
  deletedClaimIds!: string[];

  @Field(() => [ID], {
    description: 'Entities and claims that cited the deleted Source and no longer do (cascade).',
  })
  uncitedIds!: string[];
}

@ObjectType({ simpleResolvers: true, description: 'What an import wrote.' })
export class ImportGraphPayload {
  @Field(() => Int, { description: 'Entities in the documents.' })
  entities!: number;

  @Field(() => Int, { description: 'Claims in the documents.' })
  claims!: number;

  @Field(() => Int, { description: 'Entities and claims that did not exist before.' })
  created!: number;

  @Field(() => Int, { description: 'Existing entities and claims whose fields changed.' })
  changed!: number;

  @Field(() => Int, { description: 'Existing entities and claims that were already as imported.' })
  unchanged!: number;
}
