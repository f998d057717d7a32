import { Field, Int, ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';
import { Authority, Jurisdiction, RegulatoryStatusKind } from '../enums';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description: 'The standing a regulator gives a kind of therapy or a product, in one jurisdiction and scope.',
})
export class RegulatoryStatus extends Entity {
  @Field(() => Jurisdiction, {
    description:
      'Where the status applies, e.g. US (United States); each Jurisdiction value is described with its name.',
  })
  jurisdiction!: string;

  @Field(() => Authority, {
    description:
      'The regulator, e.g. FDA (US Food and Drug Administration); each Authority value is described with its name.',
  })
  authority!: string;

  @Field(() => RegulatoryStatusKind, {
    description: 'Approved, not approved, investigational, or a designation granted.',
  })
  status!: string;

  @Field(() => String, { nullable: true, description: 'Designation, e.g. RMAT.' })
  designation!: string | null;

  @Field(() => Int, { nullable: true, description: 'Year the status was granted or stated.' })
  year!: number | null;

  @Field(() => String, { description: 'What the status covers.' })
  scope!: string;
}
