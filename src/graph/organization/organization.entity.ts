// The Organization kind: a sponsor or collaborator of trials.
import { z } from 'zod';
import { defineEntity, inList, related } from '../entity/define';
import { PALETTE } from '../entity/display';
import * as E from '../enums';
import { ORGANIZATION_CLASSES } from '../model';
import { TRIAL_HAS_COLLABORATOR, TRIAL_SPONSORED_BY } from '../relationships';
import { Organization } from './organization.type';

export const ORGANIZATION = defineEntity({
  label: 'Organization',
  idPrefix: 'organization',
  plural: 'organizations',
  singular: 'organization',
  type: Organization,
  fields: {
    organizationClass: z.enum(ORGANIZATION_CLASSES).optional(),
  },
  filters: {
    organizationClass: inList('organizationClass', E.OrganizationClass, 'Organisations of any of these classes.'),
    sponsoredTrialIds: related(
      [{ rel: TRIAL_SPONSORED_BY, backwards: true }],
      'Organisations that sponsor any of these trials.',
    ),
    collaborationTrialIds: related(
      [{ rel: TRIAL_HAS_COLLABORATOR, backwards: true }],
      'Organisations that collaborate on any of these trials.',
    ),
  },
  indexes: ['organizationClass'],
  display: { name: 'Organization', colour: PALETTE.paleGrey, shape: 'parallelogram' },
});
