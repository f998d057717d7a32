import { Field, ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';
import { OrganizationClass } from '../enums';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description:
    'A company, university, hospital or agency that sponsors or collaborates on trials, as trial registries name it.',
})
export class Organization extends Entity {
  @Field(() => OrganizationClass, {
    nullable: true,
    description: "What kind of organisation it is, in ClinicalTrials.gov's classes; null when no source says.",
  })
  organizationClass!: string | null;
}
