import { Field, ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';
import { CellOrigin } from '../enums';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description: 'A tissue that therapeutic cells are collected from, such as bone marrow (UBERON).',
})
export class CellSource extends Entity {
  @Field(() => [CellOrigin], {
    description: "Whether cells from this tissue are used from the patient's own body, from donors, or both.",
  })
  origins!: string[];

  @Field(() => String, { nullable: true, description: 'How the tissue is collected.' })
  collectionMethod!: string | null;
}
