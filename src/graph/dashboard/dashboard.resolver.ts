// GraphQL wiring of the dashboard: trial aggregates under the same TrialFilter as the `trials`
// connection, and the evidence summary card. Both are read-only and one database round trip each;
// the card reads the sources its claims and outcomes cite in that same query, so only other
// entities' `sources` and relationship fields load through the usual batched loaders.
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Ctx, ID, Info, Query, Resolver } from 'type-graphql';
import { BadUserInputError, NotFoundError, quoted, withArticle } from '../../common/errors';
import { selectedFields, selectsAnywhere } from '../../common/selection';
import type { Context } from '../../context';
import { GENERATED } from '../entity/connection.types';
import { evidenceSummary, type EvidenceSummaryRow, trialAggregates } from './dashboard.repository';
import { EvidenceSummary, TrialAggregates } from './dashboard.type';

const INTERVENTION_LABELS: readonly string[] = ['Product', 'CellType'];

@Resolver()
export class DashboardResolver {
  @Query(() => TrialAggregates, {
    description:
      'Counts and statistics over the trials a filter keeps, for dashboards: by phase, status, design, evidence ' +
      'level, cell source, cell type and condition; enrollment; outcomes by measure. Same filter as `trials`.',
  })
  async trialAggregates(
    @Arg('filter', () => GENERATED.Trial.filter, {
      nullable: true,
      description: 'Which trials to aggregate, exactly as for the `trials` connection; all trials when omitted.',
    })
    filter: Record<string, unknown> | null,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<TrialAggregates> {
    // Input classes to plain data, as for the connections (their loaders are keyed by it too).
    const plain = filter == null ? null : (JSON.parse(JSON.stringify(filter)) as Record<string, unknown>);
    return trialAggregates(ctx.db, plain, selectedFields(info));
  }

  @Query(() => EvidenceSummary, {
    description:
      'An evidence card for a condition, optionally narrowed to one intervention: matching trials and their ' +
      'evidence levels, claims and theirs (counted apart), enrollment (actual and planned apart), best ' +
      'outcomes, disagreeing figures side by side, and risks and regulatory statuses, inherited ones marked. ' +
      'NOT_FOUND naming the id for an unknown id; BAD_USER_INPUT when conditionId is not a Condition or ' +
      'interventionId neither a Product nor a CellType.',
  })
  async evidenceSummary(
    @Arg('conditionId', () => ID, {
      description: 'Id of the Condition; trials of its subtypes (SUBCLASS_OF, up to 3 levels) count too.',
    })
    conditionId: string,
    @Arg('interventionId', () => ID, {
      nullable: true,
      description:
        'Id of a Product (trials testing it) or a CellType (trials testing it or a subtype of it, in a product ' +
        'or without one named, as the TrialFilter cellTypeIds); all interventions when omitted.',
    })
    interventionId: string | null | undefined,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<EvidenceSummary> {
    const found = await evidenceSummary(ctx.db, conditionId, interventionId ?? null, {
      withSources: selectsAnywhere(info, 'sources'),
      fields: selectedFields(info),
    });
    return checkedSummary(found, conditionId, interventionId ?? null);
  }
}

/** Turns what the lookup found into the card, or into the coded error that says what to fix. */
function checkedSummary(
  found: Awaited<ReturnType<typeof evidenceSummary>>,
  conditionId: string,
  interventionId: string | null,
): EvidenceSummaryRow {
  if (found.conditionLabel === null) {
    throw new NotFoundError(`No condition has the id ${quoted(conditionId)}.`, { argumentName: 'conditionId' });
  }
  if (found.conditionLabel !== 'Condition') {
    throw new BadUserInputError(
      `${quoted(conditionId)} is ${withArticle(found.conditionLabel)}, not a Condition; pass a condition id.`,
      {
        argumentName: 'conditionId',
      },
    );
  }
  if (interventionId !== null && found.interventionLabel === null) {
    throw new NotFoundError(`No product or cell type has the id ${quoted(interventionId)}.`, {
      argumentName: 'interventionId',
    });
  }
  if (interventionId !== null && !INTERVENTION_LABELS.includes(found.interventionLabel ?? '')) {
    throw new BadUserInputError(
      `${quoted(interventionId)} is ${withArticle(found.interventionLabel ?? 'entity')}; an intervention must be a Product or a CellType.`,
      { argumentName: 'interventionId' },
    );
  }
  if (found.summary === null) {
    // Unreachable when the checks above agree with the repository's; never answer with a partial card.
    throw new NotFoundError(`No evidence summary for ${conditionId}.`);
  }
  return found.summary;
}
