import { ObjectType } from 'type-graphql';
import { Entity, Node } from '../entity/entity.type';

@ObjectType({
  implements: [Node, Entity],
  simpleResolvers: true,
  description: 'A kind of cell used in therapy, such as mesenchymal stem cells (CL).',
})
export class CellType extends Entity {}
