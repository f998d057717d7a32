import { Field, ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';
import { CellOrigin, Manipulation, ProductKind } from '../enums';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description: 'A concrete cell product or preparation, such as bone marrow aspirate concentrate or rexlemestrocel-L.',
})
export class Product extends Entity {
  @Field(() => ProductKind, { description: 'Point-of-care preparation or manufactured investigational product.' })
  kind!: string;

  @Field(() => String, { nullable: true, description: 'Company or group that develops the product.' })
  developer!: string | null;

  @Field(() => CellOrigin, { nullable: true, description: "Whether the cells are the patient's own or a donor's." })
  origin!: string | null;

  @Field(() => Manipulation, { nullable: true, description: 'How much the cells are processed.' })
  manipulation!: string | null;

  @Field(() => String, { nullable: true, description: 'How the product is given, e.g. intradiscal injection.' })
  route!: string | null;
}
