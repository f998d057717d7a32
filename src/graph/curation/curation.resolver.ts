// GraphQL wiring of curation, generated from the catalogue: create/update/delete for every label in
// ENTITY_DEFINITIONS, link/unlink for every definition in RELATIONSHIPS (names in ./naming.ts),
// importGraph and auditLog. Who may call each is declared here with @Authorized; each argument is
// parsed once on its way in (curation.validation.ts), and everything else is the services'.
// Every mutation's payload is nullable: mutations of one document run one after another, each
// committing on its own, so a refused one must be null beside the results of those that
// committed (a non-null payload would null the whole `data` and hide them).
import { Args, Authorized, type ClassType, Ctx, Extensions, Mutation, Query, Resolver } from 'type-graphql';
import { Role } from '../../auth/roles';
import type { Context } from '../../context';
import { Claim } from '../claim/claim.type';
import { ENTITY_DEFINITIONS, LABELS } from '../registry';
import { type Label } from '../model';
import { RELATIONSHIPS, type RelationshipDef } from '../relationships';
import type { EntityRecord } from '../../seed/schema';
import type { SeedGraph } from '../../seed/validate';
import { NO_STORE } from '../../plugins/cachePolicy';
import { AuditService } from './audit.service';
import { ClaimService } from './claim.service';
import { AuditLogArgs, DeleteArgs, ENTITY_INPUTS, LinkInput, SeedDocumentInput, UnlinkInput } from './curation.inputs';
import { AuditEntryConnection, DeleteEntityPayload, ImportGraphPayload } from './curation.types';
import {
  auditLogArgsValidator,
  deleteArgsValidator,
  type EntityPatch,
  type LinkRequest,
  ParsedArg,
  parseCreate,
  parseDocuments,
  parseLink,
  parseUnlink,
  parseUpdate,
  type UnlinkRequest,
} from './curation.validation';
import { EntityService } from './entity.service';
import { ImportService } from './import.service';
import { entityMutationNames, linkMutationNames } from './naming';

type Props = Record<string, unknown>;

function createEntityMutations(label: Label): ClassType {
  const def = ENTITY_DEFINITIONS[label];
  const inputs = ENTITY_INPUTS[label];
  const names = entityMutationNames(label);

  @Resolver()
  class EntityMutations {
    @Authorized(Role.CURATOR)
    @Extensions({ [NO_STORE]: true })
    @Mutation(() => def.type, {
      nullable: true,
      name: names.create,
      description: `Create a ${label} (curator or admin). A taken id is a CONFLICT; an unknown source is NOT_FOUND.`,
    })
    async create(
      @ParsedArg('input', () => inputs.create, (input: Props) => parseCreate(label, input), {
        description: `The new ${label}.`,
      })
      record: EntityRecord,
      @Ctx() ctx: Context,
    ) {
      return new EntityService(ctx).create(label, record);
    }

    @Authorized(Role.CURATOR)
    @Extensions({ [NO_STORE]: true })
    @Mutation(() => def.type, {
      nullable: true,
      name: names.update,
      description: `Change fields of a ${label} (curator or admin). expectedVersion must be its current version, else CONFLICT and nothing changes; a change gives it the next version.`,
    })
    async update(
      @ParsedArg('input', () => inputs.update, (input: Props) => parseUpdate(label, input), {
        description: `The ${label}, the version you read, and the changes.`,
      })
      patch: EntityPatch,
      @Ctx() ctx: Context,
    ) {
      return new EntityService(ctx).update(label, patch);
    }

    @Authorized(Role.ADMIN)
    @Extensions({ [NO_STORE]: true })
    @Mutation(() => DeleteEntityPayload, {
      nullable: true,
      name: names.delete,
      description: `Delete a ${label} (admin). Refused with CONFLICT while claims join it or anything cites it, unless cascade is true.`,
    })
    async delete(
      // The arguments pass on as given, so a validator (that cannot change them) is enough.
      @Args(() => DeleteArgs, { validateFn: deleteArgsValidator(label) }) args: DeleteArgs,
      @Ctx() ctx: Context,
    ) {
      return new EntityService(ctx).delete(label, args);
    }
  }
  Object.defineProperty(EntityMutations, 'name', { value: `${def.label}MutationResolver` });
  return EntityMutations;
}

function createLinkMutations(def: RelationshipDef): ClassType {
  const names = linkMutationNames(def);
  const what = `${def.type} claim from a ${def.from} to a ${def.to}: "${def.meaning}"`;

  @Resolver()
  class LinkMutations {
    @Authorized(Role.CURATOR)
    @Extensions({ [NO_STORE]: true })
    @Mutation(() => Claim, {
      nullable: true,
      name: names.link,
      description: `Add a ${what} (curator or admin). It needs at least one existing Source and an evidence level.`,
    })
    async link(
      @ParsedArg('input', () => LinkInput, (input: Props) => parseLink(def, input), { description: 'The claim.' })
      request: LinkRequest,
      @Ctx() ctx: Context,
    ) {
      return new ClaimService(ctx).link(def, request);
    }

    @Authorized(Role.CURATOR)
    @Extensions({ [NO_STORE]: true })
    @Mutation(() => Claim, {
      nullable: true,
      name: names.unlink,
      description: `Remove a ${what} (curator or admin), by its id or its two ends. Returns the claim as it was.`,
    })
    async unlink(
      @ParsedArg('input', () => UnlinkInput, (input: Props) => parseUnlink(def, input), {
        description: 'Which claim.',
      })
      request: UnlinkRequest,
      @Ctx() ctx: Context,
    ) {
      return new ClaimService(ctx).unlink(def, request);
    }
  }
  Object.defineProperty(LinkMutations, 'name', { value: `${names.link}Resolver` });
  return LinkMutations;
}

@Resolver()
export class CurationResolver {
  @Authorized(Role.ADMIN)
  @Extensions({ [NO_STORE]: true })
  @Mutation(() => ImportGraphPayload, {
    nullable: true,
    description:
      'Import seed documents (admin), validated as `npm run seed` validates seed files: one invalid record refuses the whole import with BAD_USER_INPUT, every problem in extensions.problems. Records MERGE on their ids, so importing twice changes nothing. One import holds at most IMPORT_MAX_RECORDS records over all its documents (a server setting, 20000 by default); a larger one is refused with BAD_USER_INPUT.',
  })
  async importGraph(
    @ParsedArg('documents', () => [SeedDocumentInput], parseDocuments, {
      description: 'The documents: together a complete graph, as the files of seed/ are.',
    })
    graph: SeedGraph,
    @Ctx() ctx: Context,
  ) {
    return new ImportService(ctx).importGraph(graph);
  }

  @Authorized(Role.CURATOR)
  @Extensions({ [NO_STORE]: true })
  @Query(() => AuditEntryConnection, {
    description:
      'Every write of an entity or a claim, newest first (curators and admins). For an entity, also the claims that joined it.',
  })
  async auditLog(
    @Args(() => AuditLogArgs, { validateFn: auditLogArgsValidator }) args: AuditLogArgs,
    @Ctx() ctx: Context,
  ) {
    return new AuditService(ctx).auditLog(args);
  }
}

export const CURATION_RESOLVERS: ClassType[] = [
  ...LABELS.map(createEntityMutations),
  ...RELATIONSHIPS.map(createLinkMutations),
  CurationResolver,
];
