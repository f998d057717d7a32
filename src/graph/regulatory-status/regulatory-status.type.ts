import { Field, Int, ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';
import { RegulatoryStatusKind } from '../enums';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description: 'The standing a regulator gives a kind of therapy or a product, in one jurisdiction and scope.',
})
export class RegulatoryStatus extends Entity {
  @Field(() => String, { description: 'Jurisdiction, e.g. United States.' })
  jurisdiction!: string;

  @Field(() => String, { description: 'Regulator, e.g. FDA.' })
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
