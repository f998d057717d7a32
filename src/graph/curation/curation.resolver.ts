// GraphQL wiring of curation, generated from the catalogue: create/update/delete for every label in
// ENTITY_DEFINITIONS, link/unlink for every definition in RELATIONSHIPS (names in ./naming.ts),
// importGraph and auditLog. Who may call each is declared here with @Authorized; everything else
// is the service's. Every mutation's payload is nullable: mutations of one document run one after
// another, each committing on its own, so a refused one must be null beside the results of those
// that committed (a non-null payload would null the whole `data` and hide them).
import {
  Arg,
  Args,
  Authorized,
  type ClassType,
  Ctx,
  Extensions,
  Mutation,
  Query,
  Resolver,
  UseMiddleware,
} from 'type-graphql';
import { Role } from '../../auth/roles';
import type { Context } from '../../context';
import { Claim } from '../claim/claim.type';
import { ENTITY_DEFINITIONS, LABELS } from '../registry';
import { type Label } from '../model';
import { RELATIONSHIPS, type RelationshipDef } from '../relationships';
import { AuditLogArgs, DeleteArgs, ENTITY_INPUTS, LinkInput, SeedDocumentInput, UnlinkInput } from './curation.inputs';
import { NO_STORE } from '../../plugins/cachePolicy';
import { fieldErrors } from './curation.middleware';
import { CurationService } from './curation.service';
import { AuditEntryConnection, DeleteEntityPayload, ImportGraphPayload } from './curation.types';
import { entityMutationNames, linkMutationNames } from './naming';

type Props = Record<string, unknown>;

/**
 * Curation inputs carry class-validator rules; only their arguments are validated. Reads have no
 * rules, and validating every argument object of every field cost the read path an async import
 * and a validator run per field (src/schema.ts turns validation off globally).
 */
const VALIDATED = { validate: { forbidUnknownValues: false } } as const;

function createEntityMutations(label: Label): ClassType {
  const def = ENTITY_DEFINITIONS[label];
  const inputs = ENTITY_INPUTS[label];
  const names = entityMutationNames(label);

  @Resolver()
  class EntityMutations {
    @Authorized(Role.CURATOR)
    @Extensions({ [NO_STORE]: true })
    @UseMiddleware(fieldErrors('input'))
    @Mutation(() => def.type, {
      nullable: true,
      name: names.create,
      description: `Create a ${label} (curator or admin). A taken id is a CONFLICT; an unknown source is NOT_FOUND.`,
    })
    async create(
      @Arg('input', () => inputs.create, { description: `The new ${label}.`, ...VALIDATED }) input: Props,
      @Ctx() ctx: Context,
    ) {
      return new CurationService(ctx).create(label, input);
    }

    @Authorized(Role.CURATOR)
    @Extensions({ [NO_STORE]: true })
    @UseMiddleware(fieldErrors('input'))
    @Mutation(() => def.type, {
      nullable: true,
      name: names.update,
      description: `Change fields of a ${label} (curator or admin). expectedVersion must be its current version, else CONFLICT and nothing changes; a change gives it the next version.`,
    })
    async update(
      @Arg('input', () => inputs.update, {
        description: `The ${label}, the version you read, and the changes.`,
        ...VALIDATED,
      })
      input: Props & { id: string; expectedVersion: number },
      @Ctx() ctx: Context,
    ) {
      return new CurationService(ctx).update(label, input);
    }

    @Authorized(Role.ADMIN)
    @Extensions({ [NO_STORE]: true })
    @UseMiddleware(fieldErrors())
    @Mutation(() => DeleteEntityPayload, {
      nullable: true,
      name: names.delete,
      description: `Delete a ${label} (admin). Refused with CONFLICT while claims join it or anything cites it, unless cascade is true.`,
    })
    async delete(@Args(() => DeleteArgs, VALIDATED) args: DeleteArgs, @Ctx() ctx: Context) {
      return new CurationService(ctx).delete(label, args);
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
    @UseMiddleware(fieldErrors('input'))
    @Mutation(() => Claim, {
      nullable: true,
      name: names.link,
      description: `Add a ${what} (curator or admin). It needs at least one existing Source and an evidence level.`,
    })
    async link(
      @Arg('input', () => LinkInput, { description: 'The claim.', ...VALIDATED }) input: LinkInput,
      @Ctx() ctx: Context,
    ) {
      return new CurationService(ctx).link(def, input);
    }

    @Authorized(Role.CURATOR)
    @Extensions({ [NO_STORE]: true })
    @UseMiddleware(fieldErrors('input'))
    @Mutation(() => Claim, {
      nullable: true,
      name: names.unlink,
      description: `Remove a ${what} (curator or admin), by its id or its two ends. Returns the claim as it was.`,
    })
    async unlink(
      @Arg('input', () => UnlinkInput, { description: 'Which claim.', ...VALIDATED }) input: UnlinkInput,
      @Ctx() ctx: Context,
    ) {
      return new CurationService(ctx).unlink(def, input);
    }
  }
  Object.defineProperty(LinkMutations, 'name', { value: `${names.link}Resolver` });
  return LinkMutations;
}

@Resolver()
export class CurationResolver {
  @Authorized(Role.ADMIN)
  @Extensions({ [NO_STORE]: true })
  @UseMiddleware(fieldErrors('documents'))
  @Mutation(() => ImportGraphPayload, {
    nullable: true,
    description:
      'Import seed documents (admin), validated as `npm run seed` validates seed files: one invalid record refuses the whole import with BAD_USER_INPUT, every problem in extensions.problems. Records MERGE on their ids, so importing twice changes nothing. One import holds at most IMPORT_MAX_RECORDS records over all its documents (a server setting, 20000 by default); a larger one is refused with BAD_USER_INPUT.',
  })
  async importGraph(
    @Arg('documents', () => [SeedDocumentInput], {
      description: 'The documents: together a complete graph, as the files of seed/ are.',
      ...VALIDATED,
    })
    documents: SeedDocumentInput[],
    @Ctx() ctx: Context,
  ) {
    return new CurationService(ctx).importGraph(documents);
  }

  @Authorized(Role.CURATOR)
  @Extensions({ [NO_STORE]: true })
  @UseMiddleware(fieldErrors())
  @Query(() => AuditEntryConnection, {
    description:
      'Every write of an entity or a claim, newest first (curators and admins). For an entity, also the claims that joined it.',
  })
  async auditLog(@Args(() => AuditLogArgs, VALIDATED) args: AuditLogArgs, @Ctx() ctx: Context) {
    return new CurationService(ctx).auditLog(args);
  }
}

export const CURATION_RESOLVERS: ClassType[] = [
  ...LABELS.map(createEntityMutations),
  ...RELATIONSHIPS.map(createLinkMutations),
  CurationResolver,
];
